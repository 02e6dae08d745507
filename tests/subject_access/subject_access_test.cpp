// The subject access export: every record of the young person with its history, their audit entries, and
// nothing of anyone else's; only the chosen withholdings, each listed; an audit entry with ids only.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "throughline/db/audit.hpp"
#include "throughline/records/store.hpp"
#include "throughline/subject_access/subject_access.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace throughline::core;
namespace tltest = throughline::testing;
using Json = nlohmann::json;

namespace {

template <class T> T must(Result<T> r) {
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    return std::move(r).value();
}

struct Ids {
    std::string yp, placement, mum, friendId, socialWorker, contact, deletedContact, action, missing, plan1,
        plan2;
};

std::string member(Store& store, const std::string& yp, const char* name, Role role, Track track) {
    NetworkMember m;
    m.youngPersonId = yp;
    m.name = name;
    m.role = role;
    m.track = track;
    m.notes = std::string("Notes about ") + name;
    return must(store.save(m));
}

// One young person with a record of every kind, edits and a deletion.
Ids seedPerson(Vault& vault, const char* name, const char* address, const char* mumName,
               const char* friendName, const char* workerName) {
    Store& store = vault.store();
    Ids ids;
    YoungPerson yp;
    yp.name = name;
    yp.homeAuthority = "Harlow Vale Council";
    ids.yp = must(store.save(yp));
    yp.pronouns = "she/her";
    must(store.save(yp)); // an edit: history
    Placement p;
    p.youngPersonId = ids.yp;
    p.type = PlacementType::K2;
    p.placementArea = "Northmere";
    p.locationAddress = address;
    p.locationName = "Birchgate House";
    p.start = Date::today().addDays(-90);
    ids.placement = must(store.save(p));
    ids.mum = member(store, ids.yp, mumName, Role::Parent, Track::Family);
    ids.friendId = member(store, ids.yp, friendName, Role::Friend, Track::PeerCommunity);
    ids.socialWorker = member(store, ids.yp, workerName, Role::SocialWorker, Track::Practitioner);
    ContactRecord c;
    c.youngPersonId = ids.yp;
    c.kind = ContactKind::FamilyTime;
    c.date = Date::today().addDays(-3);
    c.participantIds = {ids.mum};
    c.youngPersonWords = std::string("I liked seeing ") + mumName + " at Birchgate House.";
    c.observations = std::string(workerName) + " joined by phone.";
    ids.contact = must(store.save(c));
    ContactRecord gone = c;
    gone.meta = {};
    gone.date = Date::today().addDays(-5);
    ids.deletedContact = must(store.save(gone));
    REQUIRE(store.remove(RecordKind::Contact, ids.deletedContact).ok());
    FollowUpAction a;
    a.youngPersonId = ids.yp;
    a.contactId = ids.contact;
    a.description = "Book the next family time";
    a.owner = "Key worker";
    ids.action = must(store.save(a));
    MissingEpisode e;
    e.youngPersonId = ids.yp;
    e.startedAt = nowMillis() - 10LL * 24 * 3600 * 1000;
    e.endedAt = e.startedAt + 14LL * 3600 * 1000;
    e.notes = "Found at Saltby Cross bus station.";
    ids.missing = must(store.save(e));
    SafetyPlan plan;
    plan.youngPersonId = ids.yp;
    plan.safePlaces = "The library";
    plan.peopleIds = {ids.socialWorker};
    ids.plan1 = must(store.save(plan));
    plan.meta = {};
    plan.version = 0;
    plan.safePlaces = "The library and the boxing club";
    ids.plan2 = must(store.save(plan));
    REQUIRE(vault.revealLocation(ids.placement, "Checking the address before a visit").ok());
    return ids;
}

struct Fixture {
    tltest::TempDir dir;
    tltest::TestVault created = tltest::makeVault(dir / "vault");
    Vault& vault = *created.vault;
    Ids a = seedPerson(vault, "Rowan Astley-Vane", "14 Quillon Row, Northmere NM3 9ZZ", "Della Astley",
                       "Jayden Morrow", "Priya Nandra");
    Ids b = seedPerson(vault, "Zephyr Quennell", "3 Tarnby Close, Northmere NM2 1AA", "Odette Brisk",
                       "Lorcan Fitch", "Helga Strand");

    SubjectAccessRequest request() const {
        SubjectAccessRequest r;
        r.youngPersonId = a.yp;
        r.recipient = "Rowan Astley-Vane";
        return r;
    }
    SubjectAccessDocument build(const SubjectAccessRequest& r) {
        auto doc = buildSubjectAccess(vault, r);
        REQUIRE_MESSAGE(doc.ok(), doc.error().message);
        return std::move(doc).value();
    }
};

const Json* record(const Json& root, const std::string& id) {
    for (const auto& r : root["records"])
        if (r["id"] == id) return &r;
    return nullptr;
}

} // namespace

TEST_CASE("every record of the young person, with its history, and their audit entries") {
    Fixture f;
    const auto doc = f.build(f.request());
    const Json root = Json::parse(doc.json);
    CHECK(root["schema"] == "throughline.subject-access/1");
    CHECK(root["youngPersonId"] == f.a.yp);
    CHECK(root["recipient"] == "Rowan Astley-Vane");
    CHECK(root["preparedBy"]["name"] == "Test Worker");

    std::set<std::string> kinds;
    for (const auto& r : root["records"])
        kinds.insert(r["kind"].get<std::string>());
    CHECK(kinds == std::set<std::string>{"young_person", "placement", "network_member", "contact", "action",
                                         "missing_episode", "safety_plan"});
    for (const auto& id : {f.a.yp, f.a.placement, f.a.mum, f.a.friendId, f.a.socialWorker, f.a.contact,
                           f.a.deletedContact, f.a.action, f.a.missing, f.a.plan1, f.a.plan2})
        CHECK_MESSAGE(record(root, id) != nullptr, id);
    CHECK(root["records"].size() == 11);
    CHECK(root["manifest"]["counts"]["records"] == 11);
    CHECK(root["manifest"]["counts"]["recordsByKind"]["safety_plan"] == 2);

    // History: the edit of the young person and the deletion of a contact.
    const Json& yp = *record(root, f.a.yp);
    CHECK(yp["fields"]["pronouns"] == "she/her");
    bool sawEdit = false;
    for (const auto& h : yp["history"])
        sawEdit |= h["field"] == "pronouns" && h["value"] == "she/her";
    CHECK(sawEdit);
    const Json& gone = *record(root, f.a.deletedContact);
    CHECK(gone["deleted"] == true);
    CHECK(gone["history"].back()["field"] == "_deleted");
    CHECK(gone["history"].front().contains("author"));
    CHECK(gone["history"].front().contains("at"));

    // The audit entries about them: the reveal of their placement's location.
    bool reveal = false;
    for (const auto& e : root["audit"]) {
        CHECK(e["recordId"] != f.b.placement);
        reveal |= e["kind"] == "location_revealed" && e["recordId"] == f.a.placement;
    }
    CHECK(reveal);
    CHECK(root["manifest"]["withheld"].empty());
    CHECK(root["attachments"].empty());
    CHECK(root["manifest"]["attachments"].get<std::string>().find("no attachments") != std::string::npos);
    CHECK(doc.pdf.rfind("%PDF", 0) == 0);
}

TEST_CASE("another young person's records, names and audit entries never appear") {
    Fixture f;
    const auto doc = f.build(f.request());
    for (const auto& id : {f.b.yp, f.b.placement, f.b.mum, f.b.friendId, f.b.socialWorker, f.b.contact,
                           f.b.deletedContact, f.b.action, f.b.missing, f.b.plan1, f.b.plan2})
        CHECK_MESSAGE(doc.json.find(id) == std::string::npos, id);
    for (const char* text : {"Zephyr", "Quennell", "Odette", "Lorcan", "Helga", "Tarnby"})
        CHECK_MESSAGE(doc.json.find(text) == std::string::npos, text);
}

TEST_CASE("the placement location is left out unless included, and the output says which") {
    Fixture f;
    auto doc = f.build(f.request());
    Json root = Json::parse(doc.json);
    CHECK(doc.json.find("Quillon") == std::string::npos);
    CHECK(doc.json.find("Birchgate") == std::string::npos);
    CHECK(root["manifest"]["placementLocation"]["included"] == false);
    CHECK(root["manifest"]["placementLocation"]["valuesLeftOut"].get<int>() > 0);
    CHECK((*record(root, f.a.placement))["fields"]["location_address"] == "[placement detail withheld]");
    CHECK((*record(root, f.a.placement))["fields"]["placement_area"] == "Northmere");

    auto r = f.request();
    r.includeLocation = true;
    doc = f.build(r);
    root = Json::parse(doc.json);
    CHECK(root["manifest"]["placementLocation"]["included"] == true);
    CHECK((*record(root, f.a.placement))["fields"]["location_address"] ==
          "14 Quillon Row, Northmere NM3 9ZZ");
    CHECK(doc.json.find("I liked seeing Della Astley at Birchgate House.") != std::string::npos);
}

TEST_CASE("third parties: identities replaced by role everywhere, professionals kept, listed with basis") {
    Fixture f;
    auto r = f.request();
    r.withhold.push_back(must(parseWithholding("third-party")));
    r.withholdReason = "Family members have not consented.";
    const auto doc = f.build(r);
    const Json root = Json::parse(doc.json);
    for (const char* text : {"Della", "Astley\"", "Jayden", "Morrow", "Notes about Della"})
        CHECK_MESSAGE(doc.json.find(text) == std::string::npos, text);
    CHECK(doc.json.find("Priya Nandra") != std::string::npos); // a professional: not a withheld third party
    CHECK((*record(root, f.a.mum))["fields"]["name"] == "[third party withheld: parent]");
    CHECK((*record(root, f.a.mum))["identityWithheld"] == "parent");
    CHECK((*record(root, f.a.contact))["fields"]["young_person_words"] ==
          "I liked seeing [parent] at [placement detail withheld].");
    REQUIRE(root["manifest"]["withheld"].size() == 1);
    const Json& w = root["manifest"]["withheld"][0];
    CHECK(w["scope"] == "third_party");
    CHECK(w["basis"] == "third_party");
    CHECK(w["reason"] == "Family members have not consented.");
    CHECK(w["provision"].get<std::string>().find("Schedule 2") != std::string::npos);
    CHECK(doc.counts.withheld == 1);
}

TEST_CASE("one third party, or one whole record, with its legal basis") {
    Fixture f;
    auto r = f.request();
    r.withhold.push_back(must(parseWithholding("third-party:" + f.a.friendId)));
    r.withhold.push_back(must(parseWithholding("record:" + f.a.missing + ":serious-harm")));
    r.withhold.push_back(must(parseWithholding("record:" + f.a.placement + ":crime-prevention")));
    r.withholdReason = "Disclosure would put the young person at risk.";
    const auto doc = f.build(r);
    const Json root = Json::parse(doc.json);
    CHECK(record(root, f.a.missing) == nullptr);
    CHECK(record(root, f.a.placement) == nullptr);
    CHECK(doc.json.find("Saltby") == std::string::npos);
    CHECK(doc.json.find("Jayden") == std::string::npos);
    CHECK(doc.json.find("Della Astley") != std::string::npos); // only the friend was withheld
    for (const auto& e : root["audit"])
        CHECK(e["recordId"] != f.a.placement); // a withheld record's audit entries go with it
    REQUIRE(root["manifest"]["withheld"].size() == 3);
    std::set<std::string> seen;
    for (const auto& w : root["manifest"]["withheld"])
        seen.insert(w["scope"].get<std::string>() + "/" + w["recordId"].get<std::string>() + "/" +
                    w["basis"].get<std::string>());
    CHECK(seen.count("record/" + f.a.missing + "/serious_harm"));
    CHECK(seen.count("record/" + f.a.placement + "/crime_prevention"));
    CHECK(seen.count("third_party_member/" + f.a.friendId + "/third_party"));
}

TEST_CASE("bad requests are refused with a clear error") {
    Fixture f;
    auto r = f.request();
    r.youngPersonId = newUuid();
    CHECK(buildSubjectAccess(f.vault, r).error().code == ErrorCode::NotFound);
    r.youngPersonId = "not-an-id";
    CHECK(buildSubjectAccess(f.vault, r).error().code == ErrorCode::NotFound);

    r = f.request();
    r.withhold.push_back(must(parseWithholding("record:" + f.b.contact + ":serious-harm")));
    r.withholdReason = "x";
    CHECK(buildSubjectAccess(f.vault, r).error().code == ErrorCode::Invalid); // not theirs

    r = f.request();
    r.withhold.push_back(must(parseWithholding("record:" + f.a.yp + ":serious-harm")));
    r.withholdReason = "x";
    CHECK(buildSubjectAccess(f.vault, r).error().code == ErrorCode::Invalid); // their own record

    r = f.request();
    r.withhold.push_back(must(parseWithholding("third-party:" + f.a.contact)));
    r.withholdReason = "x";
    CHECK(buildSubjectAccess(f.vault, r).error().code == ErrorCode::Invalid); // not a person

    r = f.request();
    r.withhold.push_back(must(parseWithholding("third-party")));
    CHECK(buildSubjectAccess(f.vault, r).error().field == "withhold-reason");

    r = f.request();
    r.recipient.clear();
    CHECK(buildSubjectAccess(f.vault, r).error().field == "recipient");

    CHECK_FALSE(parseWithholding("record:" + f.a.contact).ok()); // no basis
    CHECK_FALSE(parseWithholding("record:" + f.a.contact + ":because").ok());
    CHECK_FALSE(parseWithholding("everything").ok());
    CHECK_FALSE(parseWithholding("third-party:nope").ok());
    CHECK(withholdBasisFromText("serious_harm") == WithholdBasis::SeriousHarm);
}

TEST_CASE("the export writes its files, refuses a folder with files in it, and is audited with ids only") {
    Fixture f;
    const auto out = f.dir / "sar";
    auto r = f.request();
    r.withhold.push_back(must(parseWithholding("record:" + f.a.missing + ":serious-harm")));
    r.withholdReason = "Disclosure would put Della Astley at risk.";
    const auto before = f.vault.audit().recent(1).value().front().seq;
    auto done = exportSubjectAccess(f.vault, r, out);
    REQUIRE_MESSAGE(done.ok(), done.error().message);
    CHECK(std::filesystem::exists(out / "subject-access.json"));
    CHECK(std::filesystem::exists(out / "subject-access.pdf"));
    CHECK(done->records == 10);
    CHECK(done->withheld == 1);
    std::ifstream in(out / "subject-access.json");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(Json::parse(text.str())["schema"] == "throughline.subject-access/1");

    auto entries = f.vault.audit().recent(1);
    REQUIRE(entries.ok());
    const AuditEntry& e = entries->front();
    CHECK(e.seq == before + 1);
    CHECK(e.kind == AuditKind::Export);
    CHECK(e.recordId == f.a.yp);
    CHECK(e.detail.find("Subject access export") != std::string::npos);
    CHECK(e.detail.find(f.a.missing + " (serious_harm)") != std::string::npos);
    CHECK(e.detail.find("Della") == std::string::npos);  // the reason's text is not in the audit trail
    CHECK(e.detail.find("Saltby") == std::string::npos); // nor any record content
    CHECK(e.detail.find("Quillon") == std::string::npos);

    // A folder that holds files is refused (nothing audited), unless forced.
    auto again = exportSubjectAccess(f.vault, f.request(), out);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().field == "out");
    CHECK(f.vault.audit().recent(1).value().front().seq == before + 1);
    auto req = f.request();
    req.force = true;
    CHECK(exportSubjectAccess(f.vault, req, out).ok());
    CHECK(f.vault.audit().recent(1).value().front().seq == before + 2);

    // A file where the folder should be.
    std::ofstream(f.dir / "a-file") << "x";
    CHECK(exportSubjectAccess(f.vault, f.request(), f.dir / "a-file").error().field == "out");
}

TEST_CASE("a summary received from a colleague: listed, and copied only when nothing in it must be masked") {
    tltest::TempDir t;
    const auto pair = tltest::makeSyncPair(t / "a", t / "b", t / "files", true);
    tltest::makeConflicts(pair, t / "a", t / "b", t / "files");
    auto vault = tltest::openFixtureVault(t / "a");
    SubjectAccessRequest r;
    r.youngPersonId = pair.ids.youngPerson;
    r.recipient = "Robin Ashdown";

    auto doc = buildSubjectAccess(*vault, r);
    REQUIRE_MESSAGE(doc.ok(), doc.error().message);
    Json root = Json::parse(doc->json);
    REQUIRE(root["attachments"].size() == 1);
    CHECK(root["attachments"][0]["file"].is_null());
    CHECK(root["attachments"][0]["notIncludedBecause"].get<std::string>().find("location") !=
          std::string::npos);
    CHECK(root["manifest"]["counts"]["attachmentsHeld"] == 1);
    CHECK(root["manifest"]["counts"]["attachmentsIncluded"] == 0);
    // The history holds the colleague's changes too (both sides of the conflicts).
    std::set<std::string> devices;
    for (const auto& rec : root["records"])
        for (const auto& h : rec["history"])
            devices.insert(h["device"].get<std::string>());
    CHECK(devices.size() == 2);

    r.includeLocation = true;
    auto done = exportSubjectAccess(*vault, r, t / "sar");
    REQUIRE_MESSAGE(done.ok(), done.error().message);
    CHECK(done->attachmentsHeld == 1);
    CHECK(done->attachmentsWritten == 1);
    root = Json::parse(std::ifstream(t / "sar" / "subject-access.json"));
    const std::string file = root["attachments"][0]["file"].get<std::string>();
    CHECK(file.rfind("attachments/", 0) == 0);
    std::ifstream pdf(t / "sar" / file, std::ios::binary);
    std::string head(5, '\0');
    pdf.read(head.data(), 5);
    CHECK(head == "%PDF-");
}
