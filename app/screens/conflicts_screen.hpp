#pragma once
// Conflicts to settle: the same field changed here and in a colleague's vault (or edited in one and
// deleted in the other). Grouped by young person; both values side by side, who and when; one tap keeps
// the value shown or takes theirs. A placement's address, carer or home name and provider read "Hidden"
// until the person asks to see them (audited by core); settling does not need them.
#include <throughline/sync/exchange.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace throughline::app {

struct ConflictsState {
    std::string message, error;
    /// Conflicts whose confidential values the person revealed (the values are in the view, never here).
    std::set<std::int64_t> revealed;
};

struct ConflictsView {
    const std::vector<core::sync::Conflict>* conflicts = nullptr;
    std::string ownDevice; // this vault's device id: tells "yours" from "theirs"
};

struct ConflictsIntent {
    enum class Kind { None, Back, Settle, Reveal, Hide };
    Kind kind = Kind::None;
    std::int64_t id = 0;
    core::sync::Settle choice = core::sync::Settle::KeepShown;
};

ConflictsIntent drawConflicts(ConflictsState& state, const ConflictsView& view);

} // namespace throughline::app
