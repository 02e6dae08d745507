// The sync screens driven with ImGui input: contact cards through the in-app file chooser, verifying,
// sharing, exporting to a file another vault imports, settling conflicts, folder sync settings, your
// details on the card, where received records came from, and a clear message for every bad file.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/sync_fixture.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/base/files.hpp"
#include <throughline/sync/exchange.hpp>
#include "throughline/contacts/contacts.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <fstream>
#include <set>

using namespace throughline;
using namespace throughline::testing;
namespace fs = std::filesystem;
namespace tsync = core::sync;
namespace tcontacts = core::contacts;

namespace {

struct SyncApp;

struct SyncAppOptions {
    bool exchange = true;   // makeSyncPair's
    bool conflicts = false; // makeConflicts
    /// Runs once the vaults are made, before the app starts.
    std::function<void(SyncApp&)> prepare = nullptr;
    /// The app on B (which received A's records) instead of A.
    bool openB = false;
    /// The file chooser opens in `files`.
    bool chooser = true;
    ImVec2 size = ImVec2(430, 3200);
    std::function<void()> folderSyncStarting = nullptr; // AppOptions::folderSyncStarting
    /// Opened once unlocked (and two frames drawn).
    std::optional<app::Screen> screen = std::nullopt;
};

// Two vaults (A unlocked in the app) and a folder of files, which the chooser opens in.
struct SyncApp {
    TempDir tmp;
    fs::path dirA, dirB, files;
    SyncPair pair;
    std::unique_ptr<Harness> h;
    explicit SyncApp(bool exchange, bool conflicts = false)
        : SyncApp(SyncAppOptions{.exchange = exchange, .conflicts = conflicts}) {}
    explicit SyncApp(const SyncAppOptions& options)
        : dirA(tmp.path / "a"), dirB(tmp.path / "b"), files(tmp.path / "files") {
        pair = makeSyncPair(dirA, dirB, files, options.exchange);
        if (options.conflicts) makeConflicts(pair, dirA, dirB, files);
        if (options.prepare) options.prepare(*this);
        auto o = testOptions(options.openB ? dirB : dirA);
        if (options.chooser) o.chooserPlaces = {{"Files", files}};
        o.folderSyncStarting = options.folderSyncStarting;
        h = std::make_unique<Harness>(o, options.size);
        REQUIRE(h->app().unlock(kFixturePass).ok());
        h->settle();
        if (!options.screen) return;
        REQUIRE(h->app().openScreen(*options.screen) == "");
        h->frame(2);
    }
    core::Vault& vault() { return *h->app().vault(); }
    std::optional<tcontacts::Contact> contact(const std::string& fp) {
        auto c = tcontacts::findContact(vault(), fp);
        return c ? std::optional<tcontacts::Contact>(*c) : std::nullopt;
    }
    void write(const std::string& name, const std::string& text) { std::ofstream(files / name) << text; }
    /// Sol (B) edits the fixture's contact and sends it, the young person shared with A, in `bundle`.
    void solSends(const fs::path& bundle, const std::function<void(core::ContactRecord&)>& edit) const {
        auto b = openFixtureVault(dirB);
        auto c = b->store().contact(pair.ids.contact).value();
        edit(c);
        REQUIRE(b->store().save(c).ok());
        REQUIRE(tcontacts::share(*b, pair.fpA, pair.ids.youngPerson).ok());
        REQUIRE(tsync::exportTo(*b, pair.fpA, {}, bundle).ok());
        b->lock();
    }
};

bool startsWith(const fs::path& file, const std::string& prefix) {
    std::ifstream in(file, std::ios::binary);
    std::string head(prefix.size(), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    return head == prefix;
}

} // namespace

TEST_CASE("a contact card imported through the file chooser, verified, shared and sent a file") {
    SyncApp s({.exchange = false, .screen = app::Screen::Settings});
    Harness& h = *s.h;
    h.click("settings.sync");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    CHECK(h.visible("sync.qr"));
    CHECK(h.visible("sync.fingerprint"));

    h.click("sync.import-card");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    CHECK(h.app().chooserState().folder == s.files);
    CHECK_FALSE(h.visible("chooser.entry.a-to-b-1.thrl")); // only cards are listed
    h.click("chooser.entry.sol-brannigan.tlcard");
    REQUIRE(h.app().screen() == app::Screen::SyncContact);
    auto c = s.contact(s.pair.fpB);
    REQUIRE(c);
    CHECK_FALSE(c->verified);
    CHECK(h.visible("contact.message"));
    CHECK_FALSE(h.visible("contact.export")); // nothing can be sent before verifying

    h.click("contact.verify");
    h.click("Mark as verified?##contact.confirm");
    CHECK(s.contact(s.pair.fpB)->verified);

    h.click("contact.share." + s.pair.ids.youngPerson);
    CHECK(s.contact(s.pair.fpB)->scope == std::vector<std::string>{s.pair.ids.youngPerson});

    h.click("contact.export.location"); // then switched off again: the location stays out
    h.click("contact.export.location");
    h.click("contact.export");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    const std::string name = h.app().chooserState().fileName;
    CHECK(name.rfind("for-sol-brannigan-", 0) == 0);
    h.click("chooser.save");
    REQUIRE(h.app().screen() == app::Screen::SyncContact);
    CHECK(h.visible("contact.message"));
    const fs::path bundle = s.files / name;
    REQUIRE(fs::exists(bundle));

    // The second vault, once it knows this one, imports the file and holds the young person.
    auto b = openFixtureVault(s.dirB);
    auto cardA = core::readSmallFile(s.pair.cardA, 4096);
    REQUIRE(cardA.ok());
    REQUIRE(tcontacts::importCard(*b, std::string(cardA->begin(), cardA->end()), true).ok());
    auto in = tsync::importFile(*b, bundle);
    REQUIRE(in.ok());
    CHECK(in->applied > 0);
    CHECK(b->store().youngPerson(s.pair.ids.youngPerson).ok());
}

TEST_CASE("every bad file gets a clear message and nothing changes") {
    SyncApp s(true);
    Harness& h = *s.h;
    s.write("notes.tlcard", "Shopping list: milk, bread.\n");
    s.write("junk.thrl", std::string(300, 'x'));
    s.write("big.tlcard", std::string(6000, 'y'));
    REQUIRE(h.app().openScreen(app::Screen::Sync) == "");
    h.frame(2);
    const auto contactsBefore = tcontacts::listContacts(s.vault())->size();

    h.click("sync.import-card");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    // A path that does not exist.
    h.typeInto("chooser.path", "/nowhere/at/all.tlcard");
    h.click("chooser.go");
    CHECK(h.visible("chooser.error"));
    CHECK(h.app().chooserState().error.find("no folder or file") != std::string::npos);
    // Not a card.
    h.click("chooser.place.0");
    h.click("chooser.entry.notes.tlcard");
    CHECK(h.app().screen() == app::Screen::FileChooser);
    CHECK(h.visible("chooser.error"));
    CHECK(h.app().chooserState().error.find("contact card") != std::string::npos);
    // Far too big to be a card.
    h.click("chooser.entry.big.tlcard");
    CHECK(h.app().chooserState().error.find("too big") != std::string::npos);
    // This vault's own card.
    h.click("chooser.entry.alex-testworker.tlcard");
    CHECK(h.visible("chooser.error"));
    CHECK(tcontacts::listContacts(s.vault())->size() == contactsBefore);
    h.click("chooser.cancel");
    REQUIRE(h.app().screen() == app::Screen::Sync);

    h.click("sync.import-bundle");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    CHECK_FALSE(h.visible("chooser.entry.notes.tlcard")); // only bundles are listed
    // Not a bundle.
    h.click("chooser.entry.junk.thrl");
    CHECK(h.visible("chooser.error"));
    const std::string notBundle = h.app().chooserState().error;
    CHECK_FALSE(notBundle.empty());
    // A bundle for someone else (this vault's own export to Sol).
    h.click("chooser.entry.a-to-b-1.thrl");
    CHECK(h.visible("chooser.error"));
    CHECK(h.app().chooserState().error != notBundle);
    CHECK(h.app().screen() == app::Screen::FileChooser);
    CHECK(*tsync::openConflictCount(s.vault()) == 0);
}

TEST_CASE("a received bundle imported through the chooser, then its conflicts settled") {
    // B edits the record A also edits; B's bundle reaches A through the app.
    const auto bothEdit = [](SyncApp& s) {
        auto a = openFixtureVault(s.dirA);
        auto c = a->store().contact(s.pair.ids.contact).value();
        c.placeNote = "Climbing wall";
        REQUIRE(a->store().save(c).ok());
        a->lock();
        s.solSends(s.files / "from-sol.thrl",
                   [](core::ContactRecord& cb) { cb.placeNote = "Café by the station"; });
    };
    SyncApp s({.prepare = bothEdit, .screen = app::Screen::Sync});
    Harness& h = *s.h;
    const SyncPair& pair = s.pair;
    h.click("sync.import-bundle");
    h.click("chooser.entry.from-sol.thrl");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    CHECK(h.visible("sync.report"));
    CHECK(h.visible("sync.conflicts"));
    REQUIRE(*tsync::openConflictCount(*h.app().vault()) == 1);

    // Importing the same file again does nothing and says so.
    h.click("sync.import-bundle");
    h.click("chooser.entry.from-sol.thrl");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    CHECK(h.app().syncState().reportTitle == "Nothing to do");

    h.click("sync.conflicts");
    REQUIRE(h.app().screen() == app::Screen::Conflicts);
    auto open = tsync::openConflicts(*h.app().vault());
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    const auto& conflict = open->front();
    const std::string other = conflict.other.value;
    h.click("conflict." + std::to_string(conflict.id) + ".take");
    CHECK(*tsync::openConflictCount(*h.app().vault()) == 0);
    CHECK(h.app().vault()->store().contact(pair.ids.contact)->placeNote == other);
    CHECK(h.visible("conflicts.empty"));
}

TEST_CASE("conflicts: keep this, and keep it deleted") {
    SyncApp s({.conflicts = true, .screen = app::Screen::Settings});
    Harness& h = *s.h;
    CHECK(h.visible("settings.conflicts")); // a badge and a row when conflicts are open
    h.click("settings.conflicts");
    REQUIRE(h.app().screen() == app::Screen::Conflicts);
    auto open = tsync::openConflicts(s.vault());
    REQUIRE(open.ok());
    REQUIRE(open->size() == 2);
    for (const auto& c : *open) {
        CHECK(h.visible("conflict." + std::to_string(c.id)));
        const std::string shown = c.kept.value;
        const bool deleted = c.againstDelete();
        h.click("conflict." + std::to_string(c.id) + ".keep");
        if (deleted)
            CHECK_FALSE(s.vault().store().networkMember(c.recordId).ok());
        else
            CHECK(s.vault().store().contact(c.recordId)->placeNote == shown);
    }
    CHECK(*tsync::openConflictCount(s.vault()) == 0);
    CHECK(h.visible("conflicts.empty"));
}

TEST_CASE("a conflict on the placement address reads Hidden until revealed (audited); settled unseen") {
    const auto locationConflict = [](SyncApp& s) { makeLocationConflict(s.pair, s.dirA, s.dirB, s.files); };
    SyncApp s({.prepare = locationConflict, .chooser = false});
    Harness& h = *s.h;
    const SyncPair& pair = s.pair;
    core::Vault& v = *h.app().vault();
    const auto reveals = [&] {
        auto recent = v.audit().recent(1000).value();
        return std::count_if(recent.begin(), recent.end(), [&](const core::AuditEntry& e) {
            return e.kind == core::AuditKind::LocationRevealed && e.recordId == pair.ids.placement;
        });
    };
    const auto before = reveals();
    REQUIRE(h.app().openScreen(app::Screen::Conflicts) == "");
    h.frame(2);
    auto open = tsync::openConflicts(v);
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    const std::string base = "conflict." + std::to_string(open->front().id);
    CHECK(open->front().field == "location_address");
    // The screen holds nothing to show: both values are masked, and the reveal is offered.
    REQUIRE(h.app().conflicts().size() == 1);
    CHECK(h.app().conflicts().front().valuesHidden);
    CHECK(h.app().conflicts().front().kept.value.empty());
    CHECK(h.app().conflicts().front().other.value.empty());
    CHECK(h.visible(base + ".reveal"));
    CHECK(reveals() == before);

    h.click(base + ".reveal");
    CHECK(reveals() == before + 1);
    const std::string shownNow = h.app().conflicts().front().kept.value;
    CHECK(std::set<std::string>{shownNow, h.app().conflicts().front().other.value} ==
          std::set<std::string>{"2 Pretend Row, Wendlow WV1 1ZZ", "14 Imaginary Lane, Wendlow WV9 9ZZ"});
    CHECK(h.visible(base + ".hide"));
    h.click(base + ".hide");
    CHECK(h.app().conflicts().front().valuesHidden);
    CHECK(h.app().conflicts().front().other.value.empty());

    // Settled without seeing it: the record keeps its value, and nothing more is revealed.
    h.click(base + ".keep");
    CHECK(*tsync::openConflictCount(v) == 0);
    CHECK(v.store().placement(pair.ids.placement)->locationAddress == shownNow);
    CHECK(reveals() == before + 1);
}

TEST_CASE("folder sync settings round trip, sync now, and sync on unlock") {
    SyncApp s(true);
    Harness& h = *s.h;
    const fs::path outbox = s.tmp.path / "outbox", inbox = s.tmp.path / "inbox";
    fs::create_directories(outbox);
    fs::create_directories(inbox);
    REQUIRE(h.app().openScreen(app::Screen::Sync) == "");
    h.frame(2);
    h.typeInto("sync.outbox", outbox.string());
    h.typeInto("sync.inbox", inbox.string());
    h.click("sync.on-unlock"); // on by default: switched off
    h.click("sync.save-folders");
    CHECK(h.visible("sync.message"));
    {
        auto f = tsync::folderSettings(s.vault());
        REQUIRE(f.ok());
        CHECK(f->outbox == outbox);
        CHECK(f->inbox == inbox);
        CHECK_FALSE(f->syncOnUnlock);
    }
    // The inbox folder can also be chosen with the chooser.
    h.click("sync.inbox.choose");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    h.typeInto("chooser.path", inbox.string());
    h.click("chooser.go");
    h.click("chooser.use-folder");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    CHECK(h.app().syncState().inboxText == inbox.string());

    // Something new for Sol, then Sync now: a bundle lands in Sol's outbox folder.
    {
        auto c = s.vault().store().contact(s.pair.ids.contact).value();
        c.observations = "Talked about the climbing competition.";
        REQUIRE(s.vault().store().save(c).ok());
    }
    h.click("sync.now");
    h.settle(); // it runs on its own thread
    CHECK(h.visible("sync.report"));
    std::size_t bundles = 0;
    for (const auto& e : fs::recursive_directory_iterator(outbox))
        if (e.is_regular_file()) ++bundles;
    CHECK(bundles == 1);

    // Switched on again; a bundle from Sol waits in the inbox; the next unlock picks it up and says so.
    h.click("sync.on-unlock");
    h.click("sync.save-folders");
    s.solSends(inbox / "from-sol.thrl", [](core::ContactRecord& c) { c.durationMinutes = 45; });
    h.app().lock();
    h.frame(2);
    REQUIRE(h.app().unlock(kFixturePass).ok());
    h.settle();
    CHECK_FALSE(h.app().syncNotice().empty());
    CHECK(h.visible("sync-notice"));
    CHECK(s.vault().store().contact(s.pair.ids.contact)->durationMinutes == 45);
    h.click("sync-notice.details");
    CHECK(h.app().screen() == app::Screen::Sync);
    CHECK(h.visible("sync.report"));
}

namespace {

// Holds a folder sync on its own thread until the test lets it go.
struct SyncGate {
    std::atomic<bool> entered{false}, open{false};
    std::function<void()> hook() {
        return [this] {
            entered = true;
            while (!open)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        };
    }
};

struct GateHolder {
    SyncGate gate;
};

// A vault with folder sync set up and a bundle from Sol waiting in the inbox; the app is unlocked on it.
struct SyncingApp : GateHolder, SyncApp {
    SyncingApp() : SyncApp({.prepare = setUpFolders, .chooser = false, .folderSyncStarting = gate.hook()}) {}
    ~SyncingApp() {
        gate.open = true; // never leave the worker waiting
    }
    static void setUpFolders(SyncApp& s) {
        const fs::path outbox = s.tmp.path / "outbox", inbox = s.tmp.path / "inbox";
        fs::create_directories(outbox);
        fs::create_directories(inbox);
        auto a = openFixtureVault(s.dirA);
        REQUIRE(tsync::setFolderSettings(*a, {outbox, inbox, false}).ok());
        a->lock();
        s.solSends(inbox / "from-sol.thrl", [](core::ContactRecord& c) { c.durationMinutes = 50; });
    }
    // Sync now, then frames until the worker has reached the gate (it cannot pass it).
    void startHeldSync() {
        REQUIRE(h->app().openScreen(app::Screen::Sync) == "");
        h->frame(2);
        h->click("sync.now");
        for (int i = 0; i < 20000 && !gate.entered; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        REQUIRE(gate.entered);
    }
};

} // namespace

TEST_CASE("folder sync runs off the interface thread: frames keep drawing, then the result arrives") {
    SyncingApp s;
    Harness& h = *s.h;
    s.startHeldSync();
    // The sync is held mid-way, yet frame after frame is drawn, with the progress card.
    for (int i = 0; i < 30; ++i)
        h.frame();
    CHECK(h.app().syncing());
    CHECK(h.visible("sync-progress"));
    CHECK(h.app().screen() == app::Screen::Sync);
    // The screens are disabled meanwhile: a second tap on Sync now starts nothing and nothing breaks.
    h.click("sync.now");
    CHECK(h.app().syncing());
    s.gate.open = true;
    h.settle();
    CHECK_FALSE(h.app().syncing());
    CHECK_FALSE(h.visible("sync-progress"));
    CHECK(h.visible("sync.report"));
    CHECK(h.app().vault()->store().contact(s.pair.ids.contact)->durationMinutes == 50);
}

TEST_CASE("a lock asked for during a folder sync stops it at a safe point, then wipes the keys") {
    SyncingApp s;
    Harness& h = *s.h;
    s.startHeldSync();
    h.pressKey('L', true); // Ctrl+L
    h.idleSeconds = 3600;  // and the idle timer is due too
    h.frame(5);
    CHECK(h.app().syncing());
    CHECK(h.app().vault() != nullptr); // the keys are still there: the worker is using them
    s.gate.open = true;
    h.settle();
    CHECK(h.app().vault() == nullptr);
    CHECK(h.app().screen() == app::Screen::Unlock);
    h.idleSeconds = 0;
    // The lock came first: the sync stopped before the bundle, and the vault is whole; the next sync brings
    // the change in.
    REQUIRE(h.app().unlock(kFixturePass).ok());
    h.settle();
    CHECK(h.app().vault()->verify()->ok);
    REQUIRE(h.app().openScreen(app::Screen::Sync) == "");
    h.frame(2);
    h.click("sync.now");
    h.settle();
    CHECK(h.app().vault()->store().contact(s.pair.ids.contact)->durationMinutes == 50);
}

TEST_CASE("a folder sync can be stopped from its progress card; what it did not reach waits") {
    SyncingApp s;
    Harness& h = *s.h;
    s.startHeldSync();
    h.frame(2);
    REQUIRE(h.visible("sync-progress.stop"));
    h.click("sync-progress.stop");
    CHECK_FALSE(h.visible("sync-progress.stop")); // "Stopping after this file..."
    CHECK(h.app().syncing());
    s.gate.open = true;
    h.settle();
    CHECK_FALSE(h.app().syncing());
    CHECK(h.visible("sync.report"));
    CHECK(h.app().vault()->store().contact(s.pair.ids.contact)->durationMinutes != 50);
    CHECK(h.app().vault()->verify()->ok);
}

TEST_CASE("your details in Settings go on the contact card") {
    SyncApp s({.exchange = false, .screen = app::Screen::Settings});
    Harness& h = *s.h;
    // Start from empty fields: select all, then type.
    h.click("settings.owner.role");
    h.pressKey('A', true);
    ImGui::GetIO().AddInputCharactersUTF8("Senior practitioner");
    h.frame(2);
    h.click("settings.owner.organisation");
    h.pressKey('A', true);
    ImGui::GetIO().AddInputCharactersUTF8("Wendlow Vale Council");
    h.frame(2);
    h.click("settings.owner.save");
    CHECK(s.vault().owner().role == "Senior practitioner");
    CHECK(s.vault().owner().organisation == "Wendlow Vale Council");
    auto id = core::ownIdentity(s.vault());
    REQUIRE(id.ok());
    CHECK(id->organisation == "Wendlow Vale Council");
    // Kept in the vault.
    h.app().lock();
    REQUIRE(h.app().unlock(kFixturePass).ok());
    h.settle();
    CHECK(h.app().vault()->owner().role == "Senior practitioner");
}

TEST_CASE("records received from a colleague say who wrote them and whose vault they came from") {
    SyncApp s({.openB = true, .chooser = false}); // Sol's vault, which received Alex's records
    Harness& h = *s.h;
    const SyncPair& pair = s.pair;
    REQUIRE(h.app().openScreen(app::Screen::ContactDetail, pair.ids.youngPerson) == "");
    h.frame(2);
    CHECK(h.visible("detail.origin"));
    REQUIRE(h.app().openScreen(app::Screen::Network, pair.ids.youngPerson) == "");
    h.frame(2);
    h.click("network.node." + pair.ids.mum);
    CHECK(h.visible("network.selected.origin"));
}

TEST_CASE("a received handover summary saved as a copy; a contact removed") {
    SyncApp s({.conflicts = true, .screen = app::Screen::Sync});
    Harness& h = *s.h;
    auto atts = tsync::receivedAttachments(s.vault());
    REQUIRE(atts.ok());
    REQUIRE(atts->size() == 1);
    h.click("sync.attachment." + std::to_string(atts->front().id));
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    const std::string name = h.app().chooserState().fileName;
    h.click("chooser.save");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    CHECK(h.visible("sync.message"));
    CHECK(startsWith(s.files / name, "%PDF"));

    h.click("sync.contact." + s.pair.fpB);
    REQUIRE(h.app().screen() == app::Screen::SyncContact);
    h.click("contact.remove");
    h.click("Remove this contact?##contact.confirm");
    CHECK(h.app().screen() == app::Screen::Sync);
    CHECK_FALSE(s.contact(s.pair.fpB));
}

TEST_CASE("the Settings tab carries a dot while conflicts wait") {
    SyncApp s({.conflicts = true, .screen = app::Screen::People});
    Harness& h = *s.h;
    CHECK(h.visible("tab.settings.dot"));
    h.click("tab.settings");
    h.click("settings.sync");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    // Settle both; the dot goes.
    h.click("sync.conflicts");
    const auto open = tsync::openConflicts(s.vault());
    REQUIRE(open.ok());
    for (const auto& c : *open)
        h.click("conflict." + std::to_string(c.id) + ".keep");
    CHECK(*tsync::openConflictCount(s.vault()) == 0);
    h.frame(2);
    CHECK_FALSE(h.visible("tab.settings.dot"));
}

TEST_CASE("a screen opens at its top, and Back returns to where it was left") {
    SyncApp s({.size = ImVec2(430, 900), .screen = app::Screen::Sync});
    Harness& h = *s.h;
    auto y = [&](const char* tag) { return app::ui::taggedRects().find(tag)->second.min.y; };
    REQUIRE(h.visible("sync.import-bundle"));
    const float top = y("sync.import-bundle");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(215, 400);
    for (int i = 0; i < 40 && y("sync.import-bundle") > 600; ++i) { // scroll it into view
        io.MouseWheel = -1.f;
        h.frame();
        io.MouseWheel = 0;
        h.frame();
    }
    const float scrolled = y("sync.import-bundle");
    REQUIRE(scrolled < top - 20);
    REQUIRE(scrolled > 60);
    h.click("sync.import-bundle");
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    h.frame(2);
    CHECK(h.visible("chooser.path"));
    CHECK(y("chooser.path") < 300); // the chooser starts at its top
    h.click("chooser.cancel");
    REQUIRE(h.app().screen() == app::Screen::Sync);
    h.frame(2);
    CHECK(y("sync.import-bundle") == doctest::Approx(scrolled).epsilon(0.01));
}

TEST_CASE("a bundle from someone unknown, then from someone not yet verified, says what to do in the app") {
    SyncApp s(false);
    Harness& h = *s.h;
    {
        auto b = openFixtureVault(s.dirB);
        auto cardA = core::readSmallFile(s.pair.cardA, 4096);
        REQUIRE(cardA.ok());
        REQUIRE(tcontacts::importCard(*b, std::string(cardA->begin(), cardA->end()), true).ok());
        core::YoungPerson yp;
        yp.name = "Casey Thornbury";
        auto id = b->store().save(yp);
        REQUIRE(id.ok());
        REQUIRE(tcontacts::share(*b, s.pair.fpA, *id).ok());
        REQUIRE(tsync::exportTo(*b, s.pair.fpA, {}, s.files / "from-sol.thrl").ok());
        b->lock();
    }
    REQUIRE(h.app().openScreen(app::Screen::Sync) == "");
    h.frame(2);
    h.click("sync.import-bundle");
    h.click("chooser.entry.from-sol.thrl");
    CHECK(h.visible("chooser.error"));
    CHECK(h.app().chooserState().error.find("Import a contact card") != std::string::npos);
    CHECK(h.app().chooserState().error.find("throughline-cli") == std::string::npos);

    auto cardB = core::readSmallFile(s.pair.cardB, 4096);
    REQUIRE(cardB.ok());
    REQUIRE(tcontacts::importCard(s.vault(), std::string(cardB->begin(), cardB->end()), false).ok());
    h.click("chooser.entry.from-sol.thrl");
    CHECK(h.app().chooserState().error.find("Sol Brannigan, whose fingerprint") != std::string::npos);
    CHECK(h.app().chooserState().error.find("--verified") == std::string::npos);
    CHECK(h.app().screen() == app::Screen::FileChooser);
}
