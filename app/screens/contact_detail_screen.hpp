#pragma once
// One contact record as recorded, with its follow-up actions; edit or delete (with confirmation).
#include "throughline/records/records.hpp"

#include <map>
#include <string>
#include <vector>

namespace throughline::app {

struct ContactDetailState {
    bool confirmDelete = false;
};

struct ContactDetailView {
    const core::ContactRecord* contact = nullptr;
    const std::vector<core::FollowUpAction>* actions = nullptr;
    std::map<std::string, std::string> memberNames;
    std::string youngPersonName;
    /// "Recorded by …, Org — received from Name's vault" when the record came from a colleague's vault.
    std::string origin;
};

struct ContactDetailIntent {
    enum class Kind { None, Back, Edit, Delete, ToggleAction };
    Kind kind = Kind::None;
    std::string id;
};

ContactDetailIntent drawContactDetail(ContactDetailState& state, const ContactDetailView& view);

} // namespace throughline::app
