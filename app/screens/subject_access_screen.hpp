#pragma once
// "Export everything held (subject access request)": who the copy is for, what the worker chooses to
// withhold and on which legal basis, the reason, the folder. Everything else goes to the young person
// (core/subject_access). The navigator (SubjectAccessFeature) loads the records and does the export.
#include "app/screens/common.hpp"

#include "throughline/subject_access/subject_access.hpp"

#include <string>
#include <vector>

namespace throughline::app {

/// A record the worker may withhold, with the basis chosen (none by default).
struct WithholdChoice {
    std::string id, label;
    int basis = 0; // 0 not withheld, 1 serious harm, 2 crime prevention, 3 third party
};

/// A person in the network whose identity the worker may withhold (replaced by their role).
struct ThirdPartyChoice {
    std::string id, label; // "Della Astley (parent, family)"
    bool practitioner = false;
    bool withheld = false;
};

struct SubjectAccessState {
    std::string youngPersonId, personName;
    std::string recipient;
    bool includeLocation = false;
    bool withholdThirdParties = false; // every non-practitioner in the network
    std::vector<ThirdPartyChoice> people;
    std::vector<WithholdChoice> records;
    bool recordsOpen = false; // the list of records to withhold is shown
    std::string reason;
    std::string folder;
    bool replaceFiles = false;
    std::string error, outcome;
    /// The withholdings chosen, in the core's terms.
    std::vector<core::Withholding> withholdings() const;
    /// What was typed (who the copy is for, the reason) and the choices it explains (what is withheld, the
    /// location), for the screen's draft (app/editor_draft.hpp); restoreDraft puts them back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    /// Overwrites the texts typed and lets go of everything held.
    void wipe();
};

struct SubjectAccessIntent {
    enum class Kind { None, Back, ChooseFolder, Export };
    Kind kind = Kind::None;
};

SubjectAccessIntent drawSubjectAccess(SubjectAccessState& state);

} // namespace throughline::app
