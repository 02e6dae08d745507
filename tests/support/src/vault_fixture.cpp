#include "throughline/testing/test_vault.hpp"

#include <stdexcept>

#include "throughline/records/records.hpp"

namespace throughline::testing {

using namespace throughline::core;

namespace {

[[noreturn]] void fail(const char* what, const Error& e) {
    throw std::runtime_error(std::string(what) + ": " + e.message +
                             (e.field.empty() ? "" : " (" + e.field + ")"));
}
void must(const Status& s, const char* what) {
    if (!s) fail(what, s.error());
}
template <class T> T must(Result<T> r, const char* what) {
    if (!r) fail(what, r.error());
    return std::move(r).value();
}

// A network member of `yp`, saved; returns their id.
std::string saveMember(Store& store, const std::string& yp, const char* name, Role role, Track track,
                       Place place, View workerView) {
    NetworkMember m;
    m.youngPersonId = yp;
    m.name = name;
    m.role = role;
    m.track = track;
    m.place = place;
    m.workerView = workerView;
    return must(store.save(m), "member");
}

} // namespace

FixtureIds addFixture(Store& store) {
    FixtureIds ids;
    const Date today = Date::today();
    YoungPerson yp;
    yp.name = "Robin Ashdown";
    yp.preferredName = "Robin";
    yp.dateOfBirth = Date{today.year - 15, 4, 12};
    yp.pronouns = "they/them";
    yp.caseReference = "TST-20418";
    yp.homeAuthority = "Eastbridge Borough Council";
    ids.youngPerson = must(store.save(yp), "fixture");

    Placement p;
    p.youngPersonId = ids.youngPerson;
    p.type = PlacementType::K2;
    p.provider = "Larkspur Care";
    p.placementArea = "Wendlow Vale";
    p.locationName = "Larkspur House";
    p.locationAddress = "14 Imaginary Lane, Wendlow WV9 9ZZ";
    p.start = today.addDays(-60);
    ids.placement = must(store.save(p), "fixture");

    auto member = [&](const char* name, Role role, Track track, Place place) {
        return saveMember(store, ids.youngPerson, name, role, track, place, View::Protective);
    };
    ids.mum = member("Mum (Dana Ashdown)", Role::Parent, Track::Family, Place::HomeArea);
    ids.nan = member("Nan (Iris Ashdown)", Role::Grandparent, Track::Family, Place::HomeArea);
    ids.keyWorker = member("Priya Lomax", Role::KeyWorker, Track::Practitioner, Place::PlacementArea);
    ids.friendId = member("Theo Brankley", Role::Friend, Track::PeerCommunity, Place::Online);

    ContactRecord c;
    c.youngPersonId = ids.youngPerson;
    c.kind = ContactKind::PractitionerVisit;
    c.date = today.addDays(-3);
    c.startTime = TimeOfDay{15 * 60 + 30};
    c.participantIds = {ids.keyWorker};
    c.rating = Rating::Good;
    c.uses = static_cast<std::uint32_t>(Use::Consistency);
    c.youngPersonWords = "I want to keep going to the climbing wall.";
    ids.contact = must(store.save(c), "fixture");

    MissingEpisode e;
    e.youngPersonId = ids.youngPerson;
    e.startedAt = nowMillis() - 10LL * 24 * 3600 * 1000;
    e.endedAt = e.startedAt + 14LL * 3600 * 1000;
    e.interviewOffered = true;
    ids.missing = must(store.save(e), "fixture");
    return ids;
}

std::string seedSmall(Store& store) {
    YoungPerson yp;
    yp.name = "Rowan Astley-Vane";
    yp.preferredName = "Ro";
    yp.dateOfBirth = Date{2010, 4, 12};
    yp.homeAuthority = "Harlow Vale Council";
    must(store.save(yp), "seed");
    Placement p;
    p.youngPersonId = yp.meta.id;
    p.type = PlacementType::K2;
    p.placementArea = "Northmere";
    p.locationAddress = "14 Quillon Row, Northmere NM3 9ZZ";
    p.locationName = "Birchgate House";
    p.start = Date::today().addDays(-90);
    p.reasons = static_cast<std::uint32_t>(Harm::CountyLines);
    must(store.save(p), "seed");
    const std::string mum = saveMember(store, yp.meta.id, "Della Astley", Role::Parent, Track::Family,
                                       Place::HomeArea, View::Protective);
    saveMember(store, yp.meta.id, "Northmere Boxing Club", Role::Club, Track::PeerCommunity,
               Place::PlacementArea, View::NotKnown);
    ContactRecord c;
    c.youngPersonId = yp.meta.id;
    c.kind = ContactKind::FamilyTime;
    c.date = Date::today().addDays(-3);
    c.participantIds = {mum};
    c.youngPersonWords = "I liked seeing Mum – she brought my ‘good’ trainers.";
    c.uses = static_cast<std::uint32_t>(Use::Consistency);
    must(store.save(c), "seed");
    return yp.meta.id;
}

namespace {

const char* const kFirstNames[] = {"Kai", "Tamsin", "Olu", "Brodie", "Maisie", "Reuben", "Ffion", "Jude"};
const char* const kSurnames[] = {"Penhallow", "Okonkwo-Bright", "Strathearn",
                                 "Vellacott", "Quarrie",        "Dunmore"};
const char* const kAreas[] = {"Northmere", "Saltby Cross", "Ashcombe", "Kellerby", "Wrenfield"};

std::string longObservation(int n) {
    std::string s = "Long observation " + std::to_string(n) + ": ";
    while (s.size() < 7000)
        s += "We walked along the canal at Ashcombe and talked about the football trials. ";
    return s.substr(0, 7000);
}

} // namespace

Seeded seedVault(Store& store, int youngPeople, int contactsEach) {
    Seeded out;
    const Date today = Date::today();
    for (int p = 0; p < youngPeople; ++p) {
        YoungPerson yp;
        yp.name = std::string(kFirstNames[p % 8]) + " " + kSurnames[p % 6];
        if (p % 2) yp.preferredName = std::string(kFirstNames[(p + 3) % 8]);
        yp.dateOfBirth = Date{2008 + p % 5, 1 + p % 12, 1 + p % 27};
        yp.caseReference = "FB-" + std::to_string(4100 + p);
        yp.homeAuthority = "Harlow Vale Council";
        yp.notes = "Likes drawing and the climbing wall in " + std::string(kAreas[p % 5]) + ".";
        must(store.save(yp), "seed");
        out.youngPeople.push_back(yp.meta.id);

        Placement pl;
        pl.youngPersonId = yp.meta.id;
        pl.type = PlacementType::K2;
        pl.provider = "Birchgate Care";
        pl.placementArea = kAreas[(p + 1) % 5];
        pl.locationAddress = std::to_string(10 + p) + " Quillon Row, " + kAreas[(p + 1) % 5] + " NM3 9ZZ";
        pl.locationName = "Birchgate House";
        pl.start = today.addDays(-120 - p);
        pl.reasons = static_cast<std::uint32_t>(Harm::CountyLines);
        must(store.save(pl), "seed");

        std::vector<std::string> members;
        for (int m = 0; m < 5; ++m) {
            NetworkMember nm;
            nm.youngPersonId = yp.meta.id;
            nm.name = std::string(kFirstNames[(p + m + 1) % 8]) + " " + kSurnames[(p + m) % 6];
            nm.role = m == 0 ? Role::Parent : (m == 1 ? Role::Sibling : Role::Friend);
            nm.track = m < 2 ? Track::Family : Track::PeerCommunity;
            nm.place = m % 2 ? Place::HomeArea : Place::PlacementArea;
            nm.workerView = m == 4 ? View::Harmful : View::Protective;
            if (m == 4) {
                nm.arrangement = Arrangement::NoContact;
                nm.arrangementReason = "Strategy meeting decision: linked to exploitation concerns.";
            }
            must(store.save(nm), "seed");
            members.push_back(nm.meta.id);
        }

        for (int c = 0; c < contactsEach; ++c) {
            ContactRecord cr;
            cr.youngPersonId = yp.meta.id;
            cr.kind = c % 3 ? ContactKind::FamilyTime : ContactKind::PractitionerVisit;
            cr.status = c % 7 == 3 ? ContactStatus::Cancelled : ContactStatus::Happened;
            if (cr.status == ContactStatus::Cancelled) cr.cancelledBy = CancelledBy::Carer;
            cr.date = today.addDays(-(c * 3 + p));
            cr.startTime = TimeOfDay{600 + c * 7 % 600};
            cr.durationMinutes = 30 + c % 90;
            cr.participantIds = {members[c % 4], members[(c + 1) % 4]};
            cr.place = Place::PlacementArea;
            cr.youngPersonWords = "Contact " + std::to_string(c) + ": it was alright, we got chips.";
            cr.observations = (p == 0 && c == 1)
                                  ? longObservation(c)
                                  : "Observation " + std::to_string(c) +
                                        ": relaxed, chatted about college and the bus route home.";
            cr.rating = static_cast<Rating>(1 + c % 5);
            cr.uses = static_cast<std::uint32_t>(Use::Consistency);
            must(store.save(cr), "seed");
            out.contacts.push_back(cr.meta.id);
            if (c % 5 == 0) {
                FollowUpAction a;
                a.youngPersonId = yp.meta.id;
                a.contactId = cr.meta.id;
                a.description = "Ring college about the bus pass (" + std::to_string(c) + ")";
                a.owner = "Key worker";
                a.due = today.addDays(7 + c);
                a.done = c % 10 == 0;
                must(store.save(a), "seed");
            }
        }
        // An edit, so the change log holds more than one value for a field.
        auto first = store.contact(out.contacts.back());
        if (!first) fail("seed", first.error());
        first->observations += " (Edited: added the follow-up with college.)";
        must(store.save(*first), "seed");

        MissingEpisode me;
        me.youngPersonId = yp.meta.id;
        me.kind = MissingKind::Missing;
        me.startedAt = nowMillis() - (40 + p) * 24ll * 3600 * 1000;
        me.endedAt = me.startedAt + 20ll * 3600 * 1000;
        me.interviewOffered = true;
        me.notes = "Found at Saltby Cross bus station by police.";
        must(store.save(me), "seed");
    }
    out.tombstonedContact = out.contacts.front();
    must(store.remove(RecordKind::Contact, out.tombstonedContact), "seed");
    out.contacts.erase(out.contacts.begin());
    must(store.saveDraft("contact-form", "half-written notes about Tuesday"), "seed");
    must(store.clearDraft("contact-form"), "seed");
    must(store.setSetting("home.recent_limit", "50"), "seed");
    return out;
}

TestVault makeVault(const std::filesystem::path& dir, const VaultOptions& options) {
    CreateOptions opt;
    opt.owner = options.owner;
    opt.kdf = KdfParams::minimumForTests();
    auto created = must(Vault::create(dir, options.pass, opt), "test vault");
    TestVault out;
    out.vault = std::move(created.vault);
    out.recoveryKey = std::move(created.recoveryKey);
    Store& store = out.vault->store();
    switch (options.seed) {
    case Seed::None:
        break;
    case Seed::Small:
        out.youngPerson = seedSmall(store);
        break;
    case Seed::Fixture:
        out.fixture = addFixture(store);
        out.youngPerson = out.fixture.youngPerson;
        break;
    case Seed::Varied:
        out.seeded = seedVault(store, options.youngPeople, options.contactsEach);
        if (!out.seeded.youngPeople.empty()) out.youngPerson = out.seeded.youngPeople.front();
        break;
    }
    if (options.lock) out.vault->lock();
    return out;
}

FixtureIds makeFixtureVault(const std::filesystem::path& dir, const std::string& ownerName) {
    VaultOptions o;
    o.seed = Seed::Fixture;
    o.owner = {ownerName, "", ""};
    o.lock = true;
    return makeVault(dir, o).fixture;
}

std::unique_ptr<Vault> openFixtureVault(const std::filesystem::path& dir) {
    return must(Vault::open(dir, kFixturePass), "open test vault");
}

} // namespace throughline::testing
