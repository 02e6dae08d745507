// The sync feature: sharing and sync (identity, contacts, import and export of bundles, folder sync,
// received summaries, conflicts), the in-app file chooser, and where received records came from.
#include "app/features/sync.hpp"

#include "app/forms.hpp"
#include "app/session.hpp"
#include "app/widgets.hpp"

#include "throughline/base/secure_bytes.hpp"
#include "throughline/records/records_json.hpp"
#include "throughline/base/files.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace throughline::app {

namespace fs = std::filesystem;
namespace sync = core::sync;
namespace contacts = core::contacts;

namespace {

// "Sam Okafor" → "sam-okafor", for suggested file names.
std::string slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "contact" : out;
}

// "handover-summary-<name>-<date>.pdf" for a received summary: only ASCII letters, digits and '-', so
// nothing the sender chose (a dot file, a .desktop file, bidi overrides) reaches the file name.
std::string attachmentFileName(const std::string& youngPersonName, std::int64_t receivedAtMillis) {
    std::string who;
    for (unsigned char c : youngPersonName) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum)
            who += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        else if (!who.empty() && who.back() != '-')
            who += '-';
        if (who.size() >= 40) break;
    }
    while (!who.empty() && who.back() == '-')
        who.pop_back();
    if (who.empty()) who = "young-person";
    std::string date = core::isoInstant(receivedAtMillis).substr(0, 10); // YYYY-MM-DD
    if (date.size() != 10 || !std::all_of(date.begin(), date.end(),
                                          [](unsigned char c) { return (c >= '0' && c <= '9') || c == '-'; }))
        date.clear();
    return "handover-summary-" + who + (date.empty() ? "" : "-" + date) + ".pdf";
}

// Asked when "Save here" names a file that is already there; saving again with the same path replaces it.
std::string replaceQuestion(const fs::path& path) {
    return "\xE2\x80\x98" + path.filename().string() +
           "\xE2\x80\x99 is already in this folder. Choose \xE2\x80\x9CSave here\xE2\x80\x9D again to "
           "replace it, or change the file name.";
}

std::string count(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

fs::path expandHome(const std::string& text) {
    if (!text.empty() && text[0] == '~') {
        const char* home = std::getenv("HOME");
        if (home && *home) return fs::path(home) / text.substr(text.size() > 1 && text[1] == '/' ? 2 : 1);
    }
    return fs::path(text);
}

// For a bundle from someone unknown or unverified, say where in the app the way out is (by the error's typed
// reason; the sender's name is the reason's subject).
std::string importMessage(core::ErrorReason reason, const std::string& subject, const std::string& message) {
    if (reason == core::ErrorReason::UnknownSender)
        return "This file comes from someone who is not among your contacts. Import their contact card "
               "first (Import a contact card\xE2\x80\xA6), compare the fingerprint with them, then import "
               "the file again. Nothing was imported.";
    if (reason == core::ErrorReason::UnverifiedSender)
        return "This file comes from " + (subject.empty() ? std::string("a contact") : subject) +
               ", whose fingerprint you have not confirmed yet. Open them under Contacts, compare it with "
               "them, then import the file again. Nothing was imported.";
    return message;
}

std::int64_t toUtcMillis(fs::file_time_type t) {
    const auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch()).count();
}

} // namespace

// ---------------------------------------------------------------- data

SyncFeature::~SyncFeature() {
    m_folderSync.cancel(); // the session is going: a running sync stops at its next safe point
    m_folderSync.wait();
    hideConflictValues();
}

Host& SyncFeature::host() {
    return m_s.host();
}

bool SyncFeature::owns(Screen s) const {
    return s == Screen::Sync || s == Screen::SyncContact || s == Screen::Conflicts ||
           s == Screen::FileChooser;
}

void SyncFeature::show(Screen s, bool) {
    switch (s) {
    case Screen::Sync: {
        SyncView v;
        v.identity = m_identity ? &*m_identity : nullptr;
        v.qr = &m_ownQr;
        v.contacts = &m_contacts;
        v.attachments = &m_attachments;
        v.people = &m_s.records.people;
        v.conflicts = m_conflictCount;
        v.foldersError = m_foldersError;
        apply(drawSync(syncState, v));
        break;
    }
    case Screen::SyncContact:
        if (m_contact) {
            SyncContactView v;
            v.contact = &*m_contact;
            v.qr = &m_contactQr;
            v.people = &m_s.records.people;
            apply(drawSyncContact(contactState, v));
        }
        break;
    case Screen::Conflicts: {
        ConflictsView v;
        v.conflicts = &m_conflicts;
        v.ownDevice = m_s.vault().deviceId();
        apply(drawConflicts(conflictsState, v));
        break;
    }
    case Screen::FileChooser: {
        FileChooserView v;
        v.places = host().options().chooserPlaces;
        apply(drawFileChooser(chooser, v));
        break;
    }
    default:
        break;
    }
}

void SyncFeature::openRecordsImport() {
    openChooser(ChooserPurpose::ImportRecords, ChooserMode::Open, "Import a records file",
                "Choose a records file (.json) exported from another system. It is checked in full "
                "first: if anything is wrong, nothing is imported and every problem is listed.",
                {".json"});
}

void SyncFeature::refresh() {
    if (m_loadedAt.current(m_s.changes())) return;
    m_loadedAt.mark(m_s.changes());
    m_origins.clear();
    auto id = core::ownIdentity(m_s.vault());
    if (id) {
        m_identity = std::move(*id);
        auto qr = core::makeQr(m_identity->fingerprintWords());
        m_ownQr = qr ? std::move(*qr) : core::QrMatrix{};
    } else {
        m_identity.reset();
        m_s.loadError = friendlyError(id.error());
    }
    auto contacts = contacts::listContacts(m_s.vault());
    if (contacts)
        m_contacts = std::move(*contacts);
    else
        m_s.loadError = friendlyError(contacts.error());
    auto atts = sync::receivedAttachments(m_s.vault());
    m_attachments = atts ? std::move(*atts) : std::vector<sync::ReceivedAttachment>{};
    auto n = sync::openConflictCount(m_s.vault());
    m_conflictCount = n ? *n : 0;
    if (!syncState.foldersLoaded) {
        syncState.foldersLoaded = true;
        syncState.foldersEdited = false;
        auto f = sync::folderSettings(m_s.vault());
        if (f) {
            m_foldersError.clear();
            syncState.outboxText = f->outbox.string();
            syncState.inboxText = f->inbox.string();
            syncState.syncOnUnlock = f->syncOnUnlock;
        } else {
            m_foldersError = f.error().message;
        }
    }
    if (!m_contactFp.empty()) {
        auto c = contacts::findContact(m_s.vault(), m_contactFp);
        if (c) {
            m_contact = std::move(*c);
            auto qr = core::makeQr(m_contact->identity.fingerprintWords());
            m_contactQr = qr ? std::move(*qr) : core::QrMatrix{};
        } else {
            m_contact.reset();
        }
    }
    if (host().top() == Screen::Conflicts) {
        hideConflictValues(); // a fresh list comes masked: whatever was revealed is hidden again
        auto list = sync::openConflicts(m_s.vault());
        if (list)
            m_conflicts = std::move(*list);
        else
            conflictsState.error = friendlyError(list.error());
    }
}

std::string SyncFeature::originOf(const core::RecordMeta& meta) {
    if (meta.device.empty() || meta.device == m_s.vault().deviceId()) return {};
    auto it = m_origins.find(meta.device);
    if (it == m_origins.end()) {
        Origin o;
        auto c = contacts::contactByDevice(m_s.vault(), meta.device);
        if (c && c->has_value()) {
            o.known = true;
            o.name = (*c)->identity.name;
            o.organisation = (*c)->identity.organisation;
            o.verified = (*c)->verified;
        }
        it = m_origins.emplace(meta.device, std::move(o)).first;
    }
    const Origin& o = it->second;
    std::string text = "Recorded by " + (meta.author.empty() ? std::string("someone") : meta.author);
    if (o.known) {
        if (!o.organisation.empty()) text += ", " + o.organisation;
        text += " \xE2\x80\x94 received from " + o.name + "\xE2\x80\x99s vault";
        if (!o.verified) text += " (not verified)";
    } else {
        text += " \xE2\x80\x94 received from another vault, no longer among your contacts";
    }
    return text;
}

// ---------------------------------------------------------------- navigation

void SyncFeature::openSync(bool keepOutcome) {
    m_loadedAt.forget();
    syncState.foldersLoaded = false;
    if (!keepOutcome) syncState.clearOutcome();
    refresh();
    host().go(Screen::Sync);
}

void SyncFeature::openSyncContact(const std::string& fp) {
    m_contactFp = fp;
    contactState = SyncContactState{};
    m_loadedAt.forget();
    refresh();
    if (m_contact) host().go(Screen::SyncContact);
}

void SyncFeature::openConflicts() {
    hideConflictValues();
    conflictsState = ConflictsState{};
    host().go(Screen::Conflicts);
    m_loadedAt.forget();
    refresh();
}

void SyncFeature::openChooser(ChooserPurpose purpose, ChooserMode mode, std::string title, std::string hint,
                              std::vector<std::string> extensions, std::string fileName) {
    fs::path folder = chooser.folder;
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) {
        folder.clear();
        for (const auto& place : host().options().chooserPlaces)
            if (fs::is_directory(place.path, ec)) {
                folder = place.path;
                break;
            }
        if (folder.empty()) folder = fs::current_path(ec);
    }
    chooser = FileChooserState{};
    chooser.purpose = purpose;
    chooser.mode = mode;
    chooser.title = std::move(title);
    chooser.hint = std::move(hint);
    chooser.extensions = std::move(extensions);
    chooser.fileName = std::move(fileName);
    chooser.folder = folder;
    chooser.pathText = folder.string();
    loadChooserFolder();
    host().go(Screen::FileChooser);
}

void SyncFeature::loadChooserFolder() {
    chooser.dirty = false;
    chooser.entries.clear();
    std::error_code ec;
    fs::directory_iterator it(chooser.folder, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        chooser.error = "This folder cannot be read: " + ec.message() + ".";
        return;
    }
    std::vector<ChooserEntry> folders, files;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const auto& e = *it;
        const std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue; // hidden files and folders stay hidden
        std::error_code e2;
        if (e.is_directory(e2)) {
            folders.push_back({name, true, 0, 0});
        } else if (e.is_regular_file(e2) && matchesExtension(name, chooser.extensions)) {
            ChooserEntry f{name, false, e.file_size(e2), 0};
            auto t = e.last_write_time(e2);
            if (!e2) f.modified = toUtcMillis(t);
            files.push_back(std::move(f));
        }
    }
    auto byName = [](const ChooserEntry& a, const ChooserEntry& b) {
        return std::lexicographical_compare(
            a.name.begin(), a.name.end(), b.name.begin(), b.name.end(),
            [](unsigned char x, unsigned char y) { return std::tolower(x) < std::tolower(y); });
    };
    std::sort(folders.begin(), folders.end(), byName);
    // Newest files first: the file just received or just saved is at the top.
    std::sort(files.begin(), files.end(), [&](const ChooserEntry& a, const ChooserEntry& b) {
        return a.modified != b.modified ? a.modified > b.modified : byName(a, b);
    });
    chooser.entries = std::move(folders);
    chooser.entries.insert(chooser.entries.end(), files.begin(), files.end());
}

void SyncFeature::importRecordsFile(const std::filesystem::path& path) {
    std::vector<core::RecordsProblem> problems;
    auto records = core::readRecordsFile(path, core::Date::today(), core::nowMillis(), problems);
    std::optional<core::ImportSummary> imported;
    if (problems.empty()) {
        auto r = core::importRecords(m_s.store(), m_s.vault().audit(), records, path.filename().string(),
                                     problems);
        if (r)
            imported = *r;
        else if (problems.empty())
            chooser.error = friendlyError(r.error());
    }
    if (!problems.empty()) {
        // The first few problems, each naming the record and field; nothing was written.
        std::string text = "Nothing was imported: \xE2\x80\x98" + path.filename().string() +
                           "\xE2\x80\x99 has " + std::to_string(problems.size()) +
                           (problems.size() == 1 ? " problem" : " problems") + ".";
        for (std::size_t k = 0; k < problems.size() && k < 3; ++k)
            text += "\n" + problems[k].describe();
        if (problems.size() > 3) text += "\n\xE2\x80\xA6";
        chooser.error = std::move(text);
        return;
    }
    if (!imported) return;
    host().back();
    m_s.changed();
    host().toast("Imported " + std::to_string(imported->total()) +
                 (imported->total() == 1 ? " record" : " records"));
}

// ---------------------------------------------------------------- the chooser

void SyncFeature::apply(const FileChooserIntent& i) {
    using K = FileChooserIntent::Kind;
    std::error_code ec;
    switch (i.kind) {
    case K::Cancel:
        host().back();
        break;
    case K::OpenFolder:
        chooser.error.clear();
        chooser.folder = i.path.lexically_normal();
        chooser.pathText = chooser.folder.string();
        loadChooserFolder();
        break;
    case K::GoTo: {
        chooser.error.clear();
        const fs::path p = expandHome(i.path.string());
        if (p.empty()) {
            chooser.error = "Type the path of a folder or a file.";
        } else if (fs::is_directory(p, ec)) {
            chooser.folder = fs::absolute(p, ec).lexically_normal();
            chooser.pathText = chooser.folder.string();
            loadChooserFolder();
        } else if (chooser.mode == ChooserMode::Open && fs::exists(p, ec)) {
            chosen(p);
        } else if (chooser.mode == ChooserMode::Save && p.has_parent_path() &&
                   fs::is_directory(p.parent_path(), ec)) {
            chooser.folder = p.parent_path();
            chooser.fileName = p.filename().string();
            chooser.pathText = chooser.folder.string();
            loadChooserFolder();
        } else {
            chooser.error = "There is no folder or file at \xE2\x80\x98" + p.string() + "\xE2\x80\x99.";
        }
        break;
    }
    case K::Choose:
        chosen(i.path);
        break;
    default:
        break;
    }
}

void SyncFeature::chosen(const fs::path& path) {
    const std::string previousError = std::move(chooser.error);
    chooser.error.clear();
    host().scrollToTop(); // the outcome is shown at the top of the screen it returns to
    const std::string shown = path.filename().string();
    std::error_code ec;
    switch (chooser.purpose) {
    case ChooserPurpose::ImportCard: {
        if (!fs::is_regular_file(path, ec)) {
            chooser.error = "There is no file at \xE2\x80\x98" + path.string() + "\xE2\x80\x99.";
            return;
        }
        auto bytes = core::readSmallFile(path, 4096);
        if (!bytes) {
            chooser.error = bytes.error().code == core::ErrorCode::NotFound
                                ? "There is no file at \xE2\x80\x98" + path.string() + "\xE2\x80\x99."
                                : "\xE2\x80\x98" + shown +
                                      "\xE2\x80\x99 is too big to be a contact card (cards are under 4 KB). "
                                      "Is it a handover file? Use \xE2\x80\x9CImport a bundle\xE2\x80\x9D "
                                      "for those.";
            return;
        }
        auto c = contacts::importCard(m_s.vault(), std::string(bytes->begin(), bytes->end()), false);
        if (!c) {
            chooser.error = friendlyError(c.error());
            return;
        }
        host().back();
        m_s.changed();
        const std::string fp = c->identity.fingerprintHex();
        openSyncContact(fp);
        contactState.message =
            c->verified ? "Updated " + c->identity.name + "\xE2\x80\x99s details from their card."
                        : "Added " + c->identity.name +
                              ". Now compare the fingerprint with them before you send or accept files.";
        return;
    }
    case ChooserPurpose::ImportRecords:
        importRecordsFile(path);
        return;
    case ChooserPurpose::SaveOwnCard: {
        auto card = contacts::makeCard(m_s.vault());
        if (!card) {
            chooser.error = friendlyError(card.error());
            return;
        }
        auto st = core::atomicWriteFile(path, std::vector<std::uint8_t>(card->begin(), card->end()));
        if (!st) {
            chooser.error = "The card could not be saved there: " + friendlyError(st.error());
            return;
        }
        host().back();
        syncState.clearOutcome();
        syncState.message = "Your contact card is saved as \xE2\x80\x98" + shown +
                            "\xE2\x80\x99. Give it to colleagues, then read them your fingerprint.";
        return;
    }
    case ChooserPurpose::ImportBundle: {
        if (!fs::is_regular_file(path, ec)) {
            chooser.error = "There is no file at \xE2\x80\x98" + path.string() + "\xE2\x80\x99.";
            return;
        }
        auto r = sync::importFile(m_s.vault(), path);
        if (!r && r.error().reason != core::ErrorReason::BundleReplay) {
            chooser.error = importMessage(r.error().reason, r.error().subject, friendlyError(r.error()));
            return;
        }
        host().back();
        syncState.clearOutcome();
        if (!r) {
            syncState.reportTitle = "Nothing to do";
            syncState.report.push_back(
                {"\xE2\x80\x98" + shown + "\xE2\x80\x99: " + r.error().message, ui::Tone::Info});
            return;
        }
        syncState.reportTitle = "Imported \xE2\x80\x98" + shown + "\xE2\x80\x99";
        syncState.report.push_back(
            {"From " + r->senderName + " (" + r->senderFingerprintWords + ")", ui::Tone::Info});
        syncState.report.push_back(
            {count(r->applied, "new change", "new changes") + " to " +
                 count(r->records, "record", "records") +
                 (r->alreadyHad ? ", " + std::to_string(r->alreadyHad) + " already here" : ""),
             ui::Tone::Success});
        if (r->outOfOrder)
            syncState.report.push_back(
                {"It arrived after a later bundle from them; what it held that was not here yet was added.",
                 ui::Tone::Info});
        if (r->attachments)
            syncState.report.push_back({count(r->attachments, "handover summary", "handover summaries") +
                                            " kept below, under Received handover summaries",
                                        ui::Tone::Info});
        if (r->conflicts)
            syncState.report.push_back({count(r->conflicts, "conflict", "conflicts") +
                                            " kept for you to settle: both values are in the vault",
                                        ui::Tone::Warning});
        m_s.changed();
        return;
    }
    case ChooserPurpose::ExportBundle: {
        if (!m_contact) {
            host().back();
            return;
        }
        sync::ExportOptions o;
        o.full = contactState.everything;
        o.includeLocation = contactState.includeLocation;
        o.attachSummary = contactState.attachSummary;
        auto r = sync::exportTo(m_s.vault(), m_contact->identity.fingerprintHex(), o, path);
        if (!r) {
            chooser.error = friendlyError(r.error());
            return;
        }
        host().back();
        const std::string& name = m_contact->identity.name;
        contactState.error.clear();
        if (r->nothingToSend) {
            contactState.message = "Nothing new to send to " + name +
                                   " since the last file, so none was written. Choose "
                                   "\xE2\x80\x9C"
                                   "Everything shared\xE2\x80\x9D to send it all again.";
        } else {
            contactState.message =
                "Saved \xE2\x80\x98" + shown + "\xE2\x80\x99 for " + name + ": " +
                count(r->changes, "change", "changes") + " to " + count(r->records, "record", "records") +
                ", encrypted to their key and signed by you." +
                (o.includeLocation ? " It includes the confidential location; the audit trail records this."
                                   : "");
        }
        contactState.includeLocation = false; // never carried over to the next export by accident
        return;
    }
    case ChooserPurpose::SaveAttachment: {
        // Ask before replacing a file (a second "Save here" on the same path is the answer).
        if (fs::exists(fs::symlink_status(path, ec)) && previousError != replaceQuestion(path)) {
            chooser.error = replaceQuestion(path);
            return;
        }
        auto st = sync::saveAttachment(m_s.vault(), chooser.attachmentId, path);
        if (!st) {
            chooser.error = friendlyError(st.error());
            return;
        }
        host().back();
        syncState.clearOutcome();
        syncState.message =
            "Saved a copy as \xE2\x80\x98" + shown +
            "\xE2\x80\x99. It is not encrypted once outside the vault: keep it somewhere safe.";
        return;
    }
    case ChooserPurpose::SubjectAccessFolder:
        host().back();
        m_s.subjectAccess.folderChosen(path);
        return;
    case ChooserPurpose::OutboxFolder:
    case ChooserPurpose::InboxFolder:
        (chooser.purpose == ChooserPurpose::OutboxFolder ? syncState.outboxText : syncState.inboxText) =
            path.string();
        syncState.foldersEdited = true;
        host().back();
        return;
    default:
        host().back();
        return;
    }
}

// ---------------------------------------------------------------- folder sync

void SyncFeature::runFolderSync(bool onUnlock) {
    if (m_folderSync.active()) return;
    syncState.clearOutcome();
    if (!onUnlock) m_notice.clear(); // the progress card takes its place
    core::Vault* vault = &m_s.vault();
    m_folderSync.start(
        [vault, hook = host().options().folderSyncStarting](
            const sync::SyncControl& control) -> FolderSyncWorker::Outcome {
            if (hook) hook();
            return sync::syncFolders(*vault, control);
        },
        onUnlock);
}

void SyncFeature::showFolderSyncResult(const FolderSyncWorker::Outcome& r, bool onUnlock) {
    if (!r) {
        syncState.error = "Folder sync did not run: " + friendlyError(r.error());
        if (onUnlock) {
            m_notice = syncState.error;
            m_noticeTone = ui::Tone::Warning;
            m_noticeUntil = 0;
        }
        return;
    }
    std::size_t sentChanges = 0, receivedChanges = 0, conflicts = 0, already = 0, skipped = 0, refused = 0;
    auto& lines = syncState.report;
    for (const auto& s : r->sent) {
        sentChanges += s.summary.changes;
        lines.push_back({"Sent " + count(s.summary.changes, "change", "changes") + " to " + s.contactName +
                             " (\xE2\x80\x98" + s.file.filename().string() + "\xE2\x80\x99)",
                         ui::Tone::Success});
    }
    for (const auto& f : r->received) {
        if (f.ok) {
            receivedChanges += f.summary.applied;
            conflicts += f.summary.conflicts;
            lines.push_back({"Received " + count(f.summary.applied, "new change", "new changes") + " from " +
                                 f.summary.senderName + " (\xE2\x80\x98" + f.file.filename().string() +
                                 "\xE2\x80\x99)",
                             ui::Tone::Success});
        } else if (f.alreadyImported) {
            ++already;
        } else if (f.notForThisVault) {
            ++skipped;
        } else {
            ++refused;
            lines.push_back({"\xE2\x80\x98" + f.file.filename().string() + "\xE2\x80\x99 was not imported: " +
                                 importMessage(f.reason, f.subject, f.message),
                             ui::Tone::Danger});
        }
    }
    if (conflicts)
        lines.push_back({count(conflicts, "conflict", "conflicts") + " to settle", ui::Tone::Warning});
    if (already)
        lines.push_back(
            {count(already, "file was", "files were") + " already imported: nothing to do", ui::Tone::Info});
    if (skipped)
        lines.push_back(
            {count(skipped, "file is", "files are") + " for someone else: left alone", ui::Tone::Info});
    for (const auto& p : r->problems)
        lines.push_back({p, ui::Tone::Warning});
    if (r->cancelled)
        lines.push_back({"Stopped before the end: what is listed was done; the rest waits for the next sync.",
                         ui::Tone::Info});
    if (lines.empty()) lines.push_back({"Nothing new to send or receive.", ui::Tone::Info});
    syncState.reportTitle = onUnlock ? "Synced when the vault was unlocked" : "Synced just now";
    m_s.changed();
    if (onUnlock) {
        std::string text = "Folder sync: ";
        if (sentChanges == 0 && receivedChanges == 0)
            text += "nothing new to send or receive";
        else if (receivedChanges == 0)
            text += count(sentChanges, "change", "changes") + " sent, nothing new received";
        else if (sentChanges == 0)
            text += count(receivedChanges, "new change", "new changes") + " received, nothing to send";
        else
            text += count(receivedChanges, "new change", "new changes") + " received, " +
                    std::to_string(sentChanges) + " sent";
        if (conflicts) text += ", " + count(conflicts, "conflict", "conflicts") + " to settle";
        if (refused || !r->problems.empty())
            text += ". " + count(refused + r->problems.size(), "thing needs", "things need") + " a look";
        m_notice = text + ".";
        const bool needsLook = refused || !r->problems.empty() || conflicts;
        m_noticeTone = needsLook ? ui::Tone::Warning : ui::Tone::Success;
        m_noticeUntil = needsLook ? 0 : host().now() + 8.0;
    }
}

SyncNoticeIntent SyncFeature::drawNotice() {
    // A calm card floating above the tab bar, on every screen, until it is dismissed or opened; a notice
    // that needs nothing from the user goes by itself after a few seconds. While a sync runs, the same card
    // says so, calmly, with a moving bar (there is no count to show yet).
    const bool running = m_folderSync.active();
    SyncNoticeIntent intent;
    if (m_notice.empty() && !running) return intent;
    if (!running && m_noticeUntil > 0 && host().now() > m_noticeUntil) {
        intent.kind = SyncNoticeIntent::Kind::Dismiss; // it has said what it had to
        return intent;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const Palette& p = palette();
    const float w = std::min(vp->Size.x - dp(24), dp(520));
    ImGui::SetNextWindowPos(
        ImVec2(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + vp->Size.y - dp(68) - dp(10)),
        ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(20), dp(12)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, dp(16));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.surface);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin("##sync-notice", nullptr, flags)) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a = ImGui::GetWindowPos();
        const ImVec2 size = ImGui::GetWindowSize();
        dl->PushClipRect(a, ImVec2(a.x + size.x, a.y + size.y), false);
        dl->AddRectFilled(ImVec2(a.x, a.y), ImVec2(a.x + dp(6), a.y + size.y),
                          toU32(ui::toneColour(running ? ui::Tone::Info : m_noticeTone)), dp(16),
                          ImDrawFlags_RoundCornersLeft);
        dl->PopClipRect();
        if (running) {
            const FolderSyncWorker::Progress pr = m_folderSync.progress();
            using Stage = sync::SyncProgress::Stage;
            std::string title = "Checking the inbox\xE2\x80\xA6";
            if (m_folderSync.cancelling())
                title = "Stopping after this file\xE2\x80\xA6";
            else if (pr.stage == Stage::Sending)
                title = "Sending to your outbox\xE2\x80\xA6";
            else if (pr.stage == Stage::Merging)
                title = "Adding what arrived\xE2\x80\xA6";
            ImGui::PushFont(fonts().bold);
            ui::text(title);
            ImGui::PopFont();
            ui::tag("sync-progress");
            if (pr.steps > 0 && pr.stage != Stage::Sending)
                ui::muted("File " + std::to_string(std::min(pr.step, pr.steps)) + " of " +
                          std::to_string(pr.steps) + " in the inbox. Changes wait until this is done.");
            else
                ui::muted(
                    "Sending to and receiving from your sync folders. Changes wait until this is done.");
            // A bar that fills file by file once the count is known, gliding until then.
            const ImVec2 o = ImGui::GetCursorScreenPos();
            const float bw = ImGui::GetContentRegionAvail().x, bh = dp(6);
            ImDrawList* bar = ImGui::GetWindowDrawList();
            bar->AddRectFilled(o, ImVec2(o.x + bw, o.y + bh), toU32(p.border), bh);
            if (pr.steps > 0 && pr.stage != Stage::Sending) {
                double done = static_cast<double>(pr.step > 0 ? pr.step - 1 : 0);
                if (pr.bytesTotal > 0)
                    done += static_cast<double>(pr.bytesDone) / static_cast<double>(pr.bytesTotal);
                const float f =
                    static_cast<float>(std::clamp(done / static_cast<double>(pr.steps), 0.0, 1.0));
                bar->AddRectFilled(o, ImVec2(o.x + std::max(bh, bw * f), o.y + bh), toU32(p.accent), bh);
            } else {
                const float seg = bw * 0.3f, t = static_cast<float>(std::fmod(host().now() * 0.6, 1.0));
                const float x0 = o.x + (bw + seg) * t - seg;
                bar->AddRectFilled(ImVec2(std::max(o.x, x0), o.y),
                                   ImVec2(std::min(o.x + bw, x0 + seg), o.y + bh), toU32(p.accent), bh);
            }
            ImGui::Dummy(ImVec2(bw, bh));
            if (!m_folderSync.cancelling()) {
                if (ui::linkButton("Stop")) intent.kind = SyncNoticeIntent::Kind::Stop;
                ui::tag("sync-progress.stop");
            }
            ImGui::End();
            ImGui::PopStyleColor(2);
            ImGui::PopStyleVar(3);
            return intent;
        }
        ui::text(m_notice);
        ui::tag("sync-notice");
        bool details = ui::linkButton("Details");
        ui::tag("sync-notice.details");
        ImGui::SameLine();
        bool dismiss = ui::linkButton("Dismiss");
        ui::tag("sync-notice.dismiss");
        if (dismiss) intent.kind = SyncNoticeIntent::Kind::Dismiss;
        if (details) intent.kind = SyncNoticeIntent::Kind::Details;
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(3);
    return intent;
}

void SyncFeature::apply(const SyncNoticeIntent& i) {
    using K = SyncNoticeIntent::Kind;
    switch (i.kind) {
    case K::Stop:
        m_folderSync.cancel();
        break;
    case K::Dismiss:
        m_notice.clear();
        break;
    case K::Details:
        m_notice.clear();
        host().resetTo(Screen::Settings);
        openSync(true);
        break;
    default:
        break;
    }
}

// ---------------------------------------------------------------- intents

void SyncFeature::apply(const SyncIntent& i) {
    using K = SyncIntent::Kind;
    const std::string ownerSlug = slug(m_s.vault().owner().name);
    switch (i.kind) {
    case K::Back:
        host().back();
        break;
    case K::EditOwner:
        host().resetTo(Screen::Settings);
        break;
    case K::SaveCard:
        openChooser(ChooserPurpose::SaveOwnCard, ChooserMode::Save, "Save my contact card",
                    "Your card holds your name, role, organisation and public keys: no records. Save it "
                    "where you can send it to a colleague.",
                    {".tlcard"}, ownerSlug + ".tlcard");
        break;
    case K::ImportCard:
        openChooser(ChooserPurpose::ImportCard, ChooserMode::Open, "Import a contact card",
                    "Choose the .tlcard file a colleague gave you.", {".tlcard"});
        break;
    case K::ImportBundle:
        openChooser(ChooserPurpose::ImportBundle, ChooserMode::Open, "Import a bundle",
                    "Choose a handover file sent to you. It is checked completely before anything is "
                    "added to your vault.",
                    {".thrl", ".tlbundle"});
        break;
    case K::OpenContact:
        openSyncContact(i.id);
        break;
    case K::OpenConflicts:
        openConflicts();
        break;
    case K::ChooseOutbox:
        openChooser(ChooserPurpose::OutboxFolder, ChooserMode::Folder, "Choose the outbox",
                    "New files for each contact are written into a folder of their own inside it.", {});
        break;
    case K::ChooseInbox:
        openChooser(ChooserPurpose::InboxFolder, ChooserMode::Folder, "Choose the inbox",
                    "Files addressed to you are picked up from here. Nothing in it is deleted.", {});
        break;
    case K::SaveFolders:
    case K::SyncNow: {
        syncState.clearOutcome();
        if (syncState.foldersEdited || i.kind == K::SaveFolders) {
            sync::FolderSettings f;
            f.outbox = expandHome(syncState.outboxText);
            f.inbox = expandHome(syncState.inboxText);
            f.syncOnUnlock = syncState.syncOnUnlock;
            auto st = sync::setFolderSettings(m_s.vault(), f);
            if (!st) {
                syncState.error = friendlyError(st.error());
                break;
            }
            syncState.foldersEdited = false;
            if (i.kind == K::SaveFolders) syncState.message = "Folders saved.";
        }
        if (i.kind == K::SyncNow) runFolderSync(false);
        host().scrollToTop(); // the report and any problem are at the top
        break;
    }
    case K::SaveAttachment:
        for (const auto& a : m_attachments)
            if (a.id == i.number) {
                // The name the sender gave is not suggested: it could be ".bashrc", "x.desktop" or hold
                // bidi overrides. The suggestion is built here from ASCII letters, digits and '-' only.
                std::string who;
                if (!a.youngPersonId.empty())
                    if (auto yp = m_s.store().youngPerson(a.youngPersonId)) who = yp->shownName();
                openChooser(ChooserPurpose::SaveAttachment, ChooserMode::Save, "Save a copy",
                            "The copy you save is not encrypted. Keep it somewhere only you can reach.",
                            {".pdf"}, attachmentFileName(who, a.receivedAt));
                chooser.attachmentId = a.id;
            }
        break;
    default:
        break;
    }
}

void SyncFeature::apply(const SyncContactIntent& i) {
    using K = SyncContactIntent::Kind;
    if (!m_contact) return;
    const std::string fp = m_contact->identity.fingerprintHex();
    const std::string name = m_contact->identity.name;
    auto& st = contactState;
    switch (i.kind) {
    case K::Back:
        host().back();
        break;
    case K::Verify: {
        st.message.clear();
        st.error.clear();
        auto r = contacts::markVerified(m_s.vault(), fp);
        if (r)
            st.message = name + " is verified. You can now send them files and accept theirs.";
        else
            st.error = friendlyError(r.error());
        m_s.changed(); // records from them no longer say "not verified"
        break;
    }
    case K::Share:
    case K::Unshare: {
        st.message.clear();
        st.error.clear();
        auto r = i.kind == K::Share ? contacts::share(m_s.vault(), fp, i.id)
                                    : contacts::unshare(m_s.vault(), fp, i.id);
        if (!r) st.error = friendlyError(r.error());
        m_s.changed();
        break;
    }
    case K::Export:
        st.message.clear();
        st.error.clear();
        openChooser(ChooserPurpose::ExportBundle, ChooserMode::Save, ("Export to " + name).c_str(),
                    "Choose where the file goes: a shared folder, a USB stick, or somewhere to attach it to "
                    "a secure email. Only " +
                        name + " can open it.",
                    {".thrl"}, "for-" + slug(name) + "-" + host().today().iso() + ".thrl");
        break;
    case K::Remove: {
        auto r = contacts::removeContact(m_s.vault(), fp);
        if (!r) {
            st.error = friendlyError(r.error());
            break;
        }
        m_contactFp.clear();
        m_contact.reset();
        m_s.changed(); // records from them now say they came from a vault no longer among the contacts
        host().back();
        syncState.clearOutcome();
        syncState.message = "Removed " + name + ". Records already received from them stay.";
        break;
    }
    default:
        break;
    }
}

void SyncFeature::hideConflictValues() {
    for (auto& c : m_conflicts)
        if (conflictsState.revealed.count(c.id)) {
            core::wipeString(c.kept.value);
            core::wipeString(c.other.value);
            c.valuesHidden = true;
        }
    conflictsState.revealed.clear();
}

void SyncFeature::apply(const ConflictsIntent& i) {
    using K = ConflictsIntent::Kind;
    switch (i.kind) {
    case K::Back:
        hideConflictValues();
        host().back();
        break;
    case K::Reveal: {
        // Core hands out the values only once the reveal is in the audit trail.
        auto shown = sync::revealConflict(m_s.vault(), i.id, "Conflict values shown on the conflicts screen");
        if (!shown) {
            conflictsState.error = "The values stay hidden: " + friendlyError(shown.error());
            break;
        }
        for (auto& c : m_conflicts)
            if (c.id == i.id) {
                c = std::move(*shown);
                conflictsState.revealed.insert(c.id);
            }
        break;
    }
    case K::Hide: {
        for (auto& c : m_conflicts)
            if (c.id == i.id) {
                core::wipeString(c.kept.value);
                core::wipeString(c.other.value);
                c.valuesHidden = true;
            }
        conflictsState.revealed.erase(i.id);
        break;
    }
    case K::Settle: {
        conflictsState.error.clear();
        conflictsState.message.clear();
        auto st = sync::settleConflict(m_s.vault(), i.id, i.choice);
        if (!st) {
            conflictsState.error = friendlyError(st.error());
        } else {
            conflictsState.message = i.choice == sync::Settle::KeepShown
                                         ? "Settled: the record keeps its value."
                                         : "Settled: their version is kept.";
            host().toast("Conflict settled");
        }
        m_s.changed();
        break;
    }
    default:
        break;
    }
}

} // namespace throughline::app
