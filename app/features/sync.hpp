#pragma once
// The sync feature: your identity and contact card, contacts and what is shared with each, import and
// export of bundles, folder sync (on its own thread) and its notice, received handover summaries,
// conflicts, the in-app file chooser, and where received records came from.
#include "app/features/feature.hpp"
#include "app/folder_sync_worker.hpp"
#include "app/screens/conflicts_screen.hpp"
#include "app/screens/file_chooser_screen.hpp"
#include "app/screens/sync_contact_screen.hpp"
#include "app/screens/sync_screen.hpp"
#include "app/widgets.hpp"

#include "throughline/contacts/contacts.hpp"
#include "throughline/contacts/qr.hpp"
#include <throughline/sync/exchange.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace throughline::app {

/// What the person asked of the folder sync notice.
struct SyncNoticeIntent {
    enum class Kind { None, Details, Dismiss, Stop };
    Kind kind = Kind::None;
};

class SyncFeature final : public Feature {
  public:
    explicit SyncFeature(Session& session) : m_s(session) {}
    ~SyncFeature() override;

    bool owns(Screen s) const override;
    bool ready(Screen s) const override { return s != Screen::SyncContact || m_contact.has_value(); }
    void refresh() override;
    void show(Screen s, bool wide) override;

    void openSync(bool keepOutcome = false);
    void openSyncContact(const std::string& fingerprintHex);
    void openConflicts();
    void openChooser(ChooserPurpose purpose, ChooserMode mode, std::string title, std::string hint,
                     std::vector<std::string> extensions, std::string fileName = {});
    /// The first start's offer: the chooser for a records file exported from another system.
    void openRecordsImport();
    void apply(const SyncIntent& i);

    /// "Recorded by …, Org — received from Name's vault" for a record written in another vault; "" for ours.
    std::string originOf(const core::RecordMeta& meta);
    const std::vector<core::contacts::Contact>& contacts() const { return m_contacts; }
    std::size_t contactCount() const { return m_contacts.size(); }
    std::size_t conflictCount() const { return m_conflictCount; }
    const std::vector<core::sync::Conflict>& conflicts() const { return m_conflicts; }
    const std::string& notice() const { return m_notice; }

    // Folder sync on its own thread: the vault is its alone until it finishes.
    /// Starts a folder sync (nothing happens if one is already running).
    void runFolderSync(bool onUnlock);
    FolderSyncWorker& folderSync() { return m_folderSync; }
    void showFolderSyncResult(const FolderSyncWorker::Outcome& r, bool onUnlock);
    /// The calm card above the tab bar: a running sync's progress, or the notice after one.
    void showNotice() { apply(drawNotice()); }

    SyncState syncState;
    SyncContactState contactState;
    ConflictsState conflictsState;
    FileChooserState chooser;

  private:
    void apply(const SyncContactIntent& i);
    void apply(const ConflictsIntent& i);
    void apply(const FileChooserIntent& i);
    void apply(const SyncNoticeIntent& i);
    SyncNoticeIntent drawNotice();
    /// Wipes conflict values the person revealed and masks them again (leaving, refreshing, locking).
    void hideConflictValues();
    void loadChooserFolder();
    void chosen(const std::filesystem::path& path);
    void importRecordsFile(const std::filesystem::path& path);
    Host& host();

    Session& m_s;
    LoadedAt m_loadedAt;
    std::optional<core::PublicIdentity> m_identity;
    core::QrMatrix m_ownQr;
    std::vector<core::contacts::Contact> m_contacts;
    std::vector<core::sync::ReceivedAttachment> m_attachments;
    std::vector<core::sync::Conflict> m_conflicts;
    std::size_t m_conflictCount = 0;
    std::string m_foldersError;
    std::string m_contactFp; // the contact on the contact screen
    std::optional<core::contacts::Contact> m_contact;
    core::QrMatrix m_contactQr;
    std::string m_notice;
    ui::Tone m_noticeTone = ui::Tone::Info;
    double m_noticeUntil = 0; // 0: until dismissed
    // Where records came from: device id → the contact whose vault it is (cleared when contacts change).
    struct Origin {
        bool known = false;
        std::string name, organisation;
        bool verified = false;
    };
    std::map<std::string, Origin> m_origins;
    // Last: destroyed (joined) first, before anything it might still read.
    FolderSyncWorker m_folderSync;
};

} // namespace throughline::app
