#pragma once
// Young person home: placement (location hidden until revealed), network by track with how recently
// each relationship was used, recent records, missing episodes and open actions.
#include "throughline/insight/insight.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

#include <optional>
#include <map>
#include <string>

namespace throughline::app {

/// One record behind a gap, ready to show.
struct GapEvidence {
    enum class Kind { Contact, Member, Action, MissingEpisode, Other };
    Kind kind = Kind::Other;
    std::string id, title, subtitle;
};
/// A gap or silence with its evidence, prepared when the records change (not per frame).
struct GapCard {
    core::Gap gap;
    std::string about; // who or which track the gap is about, to tell gaps with the same title apart
    std::vector<GapEvidence> evidence;
};

struct HomeState {
    int openGap = -1; // the gap whose evidence is shown
    // Filled only by Vault::revealLocation (after the audit entry is written); cleared whenever another
    // young person is opened or the vault locks.
    std::optional<core::ConfidentialLocation> revealedLocation;
};

struct HomeView {
    const core::HomeData* data = nullptr;
    core::Date today;
    bool showBack = true;
    const std::vector<GapCard>* gaps = nullptr;   // null while the picture is not computed
    const core::SafetyPlan* safetyPlan = nullptr; // the current version, if any
    bool pictureReady = false;                    // safetyPlan is meaningful
    const core::PhasePicture* phases = nullptr;   // the relational picture per phase, once computed
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
        OpenNetwork,
        OpenEvidence,
        Present,
        OpenSafetyPlan,
        ExportEverything,
        OpenPhasePicture // id: the phase to show ("0" before, "1" during, "2" ending)
    };
    Kind kind = Kind::None;
    std::string id;
    GapEvidence::Kind evidenceKind = GapEvidence::Kind::Other;
};

HomeIntent drawHome(HomeState& state, const HomeView& view);

/// "Family time with Mum and Nan" style summary used in lists.
std::string contactTitle(const core::ContactRecord& c, const std::map<std::string, std::string>& names);

} // namespace throughline::app
