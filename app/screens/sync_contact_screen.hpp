#pragma once
// One contact: who they are, their fingerprint (words and QR) and the step of verifying it, which young
// people they may receive, sending them a file now, and removing them.
#include "throughline/contacts/qr.hpp"
#include "throughline/records/store.hpp"
#include "throughline/contacts/contacts.hpp"

#include <string>
#include <vector>

namespace throughline::app {

struct SyncContactState {
    bool everything = false;      // false: only changes not yet sent
    bool includeLocation = false; // the confidential placement location (audited)
    bool attachSummary = false;   // the handover summary PDF
    bool confirmRemove = false;
    bool confirmVerify = false;
    std::string message, error;
};

struct SyncContactView {
    const core::contacts::Contact* contact = nullptr;
    const core::QrMatrix* qr = nullptr;
    const std::vector<core::YoungPersonListItem>* people = nullptr;
};

struct SyncContactIntent {
    enum class Kind { None, Back, Verify, Share, Unshare, Export, Remove };
    Kind kind = Kind::None;
    std::string id; // Share / Unshare: young person id
};

SyncContactIntent drawSyncContact(SyncContactState& state, const SyncContactView& view);

} // namespace throughline::app
