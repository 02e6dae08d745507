#pragma once
// Sharing and sync: this vault's identity (fingerprint as words and a QR code, the contact card),
// contacts with their verified state and scope, importing cards and bundles, folder sync, received
// handover summaries, and the way to the conflicts waiting to be settled.
#include "app/widgets.hpp"

#include "throughline/contacts/qr.hpp"
#include "throughline/records/store.hpp"
#include <throughline/sync/exchange.hpp>
#include "throughline/contacts/contacts.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace throughline::app {

/// One line of a readable report (an import, a folder sync).
struct ReportLine {
    std::string text;
    ui::Tone tone = ui::Tone::Info;
};

struct SyncState {
    // Folder sync settings as edited; loaded from the vault when the screen opens.
    std::string outboxText, inboxText;
    bool syncOnUnlock = true;
    bool foldersLoaded = false;
    bool foldersEdited = false;
    // The outcome of the last action on this screen.
    std::string message, error;
    std::string reportTitle;
    std::vector<ReportLine> report;
    void clearOutcome() {
        message.clear();
        error.clear();
        reportTitle.clear();
        report.clear();
    }
};

struct SyncView {
    const core::PublicIdentity* identity = nullptr; // null if it could not be loaded
    const core::QrMatrix* qr = nullptr;
    const std::vector<core::contacts::Contact>* contacts = nullptr;
    const std::vector<core::sync::ReceivedAttachment>* attachments = nullptr;
    const std::vector<core::YoungPersonListItem>* people = nullptr; // names for received summaries
    std::size_t conflicts = 0;
    std::string foldersError; // folder settings could not be read
};

struct SyncIntent {
    enum class Kind {
        None,
        Back,
        SaveCard,
        ImportCard,
        ImportBundle,
        OpenContact,
        OpenConflicts,
        ChooseOutbox,
        ChooseInbox,
        SaveFolders,
        SyncNow,
        SaveAttachment,
        EditOwner,
    };
    Kind kind = Kind::None;
    std::string id;          // OpenContact: fingerprint hex
    std::int64_t number = 0; // SaveAttachment: attachment id
};

SyncIntent drawSync(SyncState& state, const SyncView& view);

/// "3 Mar 2026" style, for attachments and contacts.
std::string shortDate(std::int64_t utcMillis);

} // namespace throughline::app
