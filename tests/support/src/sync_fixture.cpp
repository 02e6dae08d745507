#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/vault/key_header.hpp"
#include "throughline/base/files.hpp"
#include <throughline/sync/exchange.hpp>
#include "throughline/contacts/contacts.hpp"
#include "throughline/records/demo.hpp"

#include <stdexcept>

namespace throughline::testing {

namespace fs = std::filesystem;
namespace sync = core::sync;
namespace contacts = core::contacts;

namespace {

void must(const core::Status& s, const char* what) {
    if (!s) throw std::runtime_error(std::string("sync fixture: ") + what + ": " + s.error().message);
}
template <class T> T must(core::Result<T> r, const char* what) {
    if (!r) throw std::runtime_error(std::string("sync fixture: ") + what + ": " + r.error().message);
    return std::move(r).value();
}

fs::path writeCard(core::Vault& v, const fs::path& file) {
    auto card = must(contacts::makeCard(v), "card");
    must(core::atomicWriteFile(file, std::vector<std::uint8_t>(card.begin(), card.end())), "write card");
    return file;
}

std::string readAll(const fs::path& file) {
    auto bytes = must(core::readSmallFile(file, 4096), "read card");
    return std::string(bytes.begin(), bytes.end());
}

// B sends A what it shares with it in `bundle` (with `options`), A imports it, and both are locked again.
void sendBToA(core::Vault& a, core::Vault& b, const SyncPair& p, const sync::ExportOptions& options,
              const fs::path& bundle) {
    must(sync::exportTo(b, p.fpA, options, bundle), "export B to A");
    must(sync::importFile(a, bundle), "A imports");
    a.lock();
    b.lock();
}

} // namespace

Introduction introduce(core::Vault& a, core::Vault& b, const std::string& orgA) {
    must(a.setOwner({"Ada Quillfeather", "Residential key worker", orgA}), "owner a");
    must(b.setOwner({"Sol Brannigan", "Social worker", "Harlow Vale Council"}), "owner b");
    Introduction out;
    out.cardB = must(contacts::makeCard(b), "card b");
    out.fpB = must(contacts::importCard(a, out.cardB, true), "a imports b").identity.fingerprintHex();
    out.cardA = must(contacts::makeCard(a), "card a");
    out.fpA = must(contacts::importCard(b, out.cardA, true), "b imports a").identity.fingerprintHex();
    return out;
}

void makeEveryScreenVault(const fs::path& tmp, int youngPeople, int contacts) {
    auto created = makeVault(tmp / "vault", {.seed = Seed::Fixture, .owner = {}});
    core::DemoOptions demo;
    demo.seed = 3;
    demo.youngPeople = youngPeople;
    demo.contacts = contacts;
    must(core::generateDemo(created.vault->store(), demo), "demo records");
    addUnverifiedColleague(*created.vault, tmp / "colleague");
    created.vault->lock();
}

void addUnverifiedColleague(core::Vault& v, const fs::path& dir, const core::Owner& owner) {
    VaultOptions o;
    o.owner = owner;
    auto colleague = makeVault(dir, o);
    must(contacts::importCard(v, must(contacts::makeCard(*colleague.vault), "colleague card"), false),
         "import colleague card");
    colleague.vault->lock();
}

VaultPair::VaultPair(bool shareYoungPerson) {
    a = makeVault(tmp / "a").vault;
    b = makeVault(tmp / "b").vault;
    static_cast<Introduction&>(*this) = introduce(*a, *b);
    yp = seedSmall(a->store());
    if (shareYoungPerson) must(contacts::share(*a, fpB, yp), "share");
}

ThreeColleagues::ThreeColleagues() {
    kw = makeVault(tmp / "kw").vault;
    sw = makeVault(tmp / "sw").vault;
    iro = makeVault(tmp / "iro").vault;
    const auto fp = [](core::Vault& in, core::Vault& of) {
        return must(contacts::importCard(in, must(contacts::makeCard(of), "card"), true), "import card")
            .identity.fingerprintHex();
    };
    kwToSw = fp(*kw, *sw);
    kwToIro = fp(*kw, *iro);
    swToIro = fp(*sw, *iro);
    (void)fp(*sw, *kw);
    (void)fp(*iro, *kw);
    iroToSw = fp(*iro, *sw);
    yp = seedSmall(kw->store());
    must(contacts::share(*kw, kwToSw, yp), "share with sw");
    must(contacts::share(*kw, kwToIro, yp), "share with iro");
}

SyncPair makeSyncPair(const fs::path& dirA, const fs::path& dirB, const fs::path& filesDir, bool exchange) {
    SyncPair p;
    fs::create_directories(filesDir);
    p.ids = makeFixtureVault(dirA, "Alex Testworker");
    VaultOptions sol;
    sol.owner = {"Sol Brannigan", "Social worker", "Eastbridge Borough Council"};
    sol.lock = true;
    makeVault(dirB, sol);
    auto a = openFixtureVault(dirA);
    auto b = openFixtureVault(dirB);
    must(a->setOwner({"Alex Testworker", "Residential key worker", "Larkspur Care"}), "owner A");
    p.cardA = writeCard(*a, filesDir / "alex-testworker.tlcard");
    p.cardB = writeCard(*b, filesDir / "sol-brannigan.tlcard");
    auto idA = must(core::ownIdentity(*a), "identity A");
    auto idB = must(core::ownIdentity(*b), "identity B");
    p.fpA = idA.fingerprintHex();
    p.fpB = idB.fingerprintHex();
    p.wordsA = idA.fingerprintWords();
    p.wordsB = idB.fingerprintWords();
    if (exchange) {
        must(contacts::importCard(*a, readAll(p.cardB), true), "A imports B");
        must(contacts::importCard(*b, readAll(p.cardA), true), "B imports A");
        must(contacts::share(*a, p.fpB, p.ids.youngPerson), "share");
        must(sync::exportTo(*a, p.fpB, {}, filesDir / "a-to-b-1.thrl"), "export A to B");
        must(sync::importFile(*b, filesDir / "a-to-b-1.thrl"), "B imports");
    }
    a->lock();
    b->lock();
    return p;
}

void makeConflicts(const SyncPair& p, const fs::path& dirA, const fs::path& dirB, const fs::path& filesDir) {
    auto a = openFixtureVault(dirA);
    auto b = openFixtureVault(dirB);
    {
        auto c = must(a->store().contact(p.ids.contact), "contact A");
        c.placeNote = "Climbing wall, Wendlow leisure centre";
        must(a->store().save(c), "edit A");
        must(a->store().remove(core::RecordKind::NetworkMember, p.ids.friendId), "delete A");
    }
    {
        auto c = must(b->store().contact(p.ids.contact), "contact B");
        c.placeNote = "Café by the station, then the climbing wall";
        must(b->store().save(c), "edit B");
        auto m = must(b->store().networkMember(p.ids.friendId), "member B");
        m.notes = "Plays online games with Robin most evenings; a steady friend.";
        must(b->store().save(m), "edit member B");
        must(contacts::share(*b, p.fpA, p.ids.youngPerson), "share back");
    }
    sync::ExportOptions o;
    o.attachSummary = true;
    sendBToA(*a, *b, p, o, filesDir / "b-to-a-1.thrl");
}

void makeLocationConflict(const SyncPair& p, const fs::path& dirA, const fs::path& dirB,
                          const fs::path& filesDir) {
    auto a = openFixtureVault(dirA);
    auto b = openFixtureVault(dirB);
    {
        // B was sent the placement without its location; writing one there clashes with A's.
        auto pl = must(b->store().placement(p.ids.placement), "placement B");
        pl.locationAddress = "2 Pretend Row, Wendlow WV1 1ZZ";
        must(b->store().save(pl), "edit location B");
        (void)contacts::share(*b, p.fpA, p.ids.youngPerson); // may already be shared (makeConflicts)
    }
    sync::ExportOptions o;
    o.includeLocation = true;
    sendBToA(*a, *b, p, o, filesDir / "b-to-a-location.thrl");
}

} // namespace throughline::testing
