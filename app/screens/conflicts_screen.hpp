#pragma once
// Conflicts to settle: the same field changed here and in a colleague's vault (or edited in one and
// deleted in the other). Grouped by young person; both values side by side, who and when; one tap keeps
// the value shown or takes theirs.
#include <throughline/sync/exchange.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace throughline::app {

struct ConflictsState {
    std::string message, error;
};

struct ConflictsView {
    const std::vector<core::sync::Conflict>* conflicts = nullptr;
    std::string ownDevice; // this vault's device id: tells "yours" from "theirs"
};

struct ConflictsIntent {
    enum class Kind { None, Back, Settle };
    Kind kind = Kind::None;
    std::int64_t id = 0;
    core::sync::Settle choice = core::sync::Settle::KeepShown;
};

ConflictsIntent drawConflicts(ConflictsState& state, const ConflictsView& view);

} // namespace throughline::app
