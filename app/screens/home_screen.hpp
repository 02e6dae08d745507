#pragma once
#include <optional>
#include "throughline/vault.hpp"
// Young person home: placement (location hidden until revealed), network by track with how recently
// each relationship was used, recent records, missing episodes and open actions.
#include <throughline/store.hpp>

#include <map>
#include <string>

namespace throughline::app {

struct HomeState {
    // Filled only by Vault::revealLocation (after the audit entry is written); cleared whenever another
    // young person is opened or the vault locks.
    std::optional<core::ConfidentialLocation> revealedLocation;
};

struct HomeView {
    const core::HomeData* data = nullptr;
    core::Date today;
    bool showBack = true;
};

struct HomeIntent {
    enum class Kind {
        None,
        Back,
        RevealLocation,
        HideLocation,
        OpenContact,
        OpenMember,
        AddMember,
        EditPlacement,
        AddPlacement,
        OpenMissing,
        AddMissing,
        RecordContact,
        ToggleAction,
        EditPerson,
        OpenNetwork
    };
    Kind kind = Kind::None;
    std::string id;
};

HomeIntent drawHome(HomeState& state, const HomeView& view);

/// "Family time with Mum and Nan" style summary used in lists.
std::string contactTitle(const core::ContactRecord& c, const std::map<std::string, std::string>& names);

} // namespace throughline::app
