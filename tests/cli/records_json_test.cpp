// Unit tests of the records file: parsing, checking, and all-or-nothing import into a real vault.
// All names and places are invented.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "throughline/testing/test_vault.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/records/records_json.hpp"
#include "throughline/records/store.hpp"
#include "throughline/testing/world_text.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace throughline::core;
using tltest::TempDir;

namespace {

const Date kToday{2026, 3, 3};
const std::int64_t kNow = (kToday.toDays() * 86400 + 12 * 3600) * 1000ll;

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(THROUGHLINE_CLI_FIXTURES) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, "fixture lacks: " << from);
    return text.replace(pos, from.size(), to);
}

std::vector<RecordsProblem> problemsOf(const std::string& text, const Date& today = kToday) {
    std::vector<RecordsProblem> problems;
    (void)parseRecordsJson(text, today, kNow, problems);
    return problems;
}

std::string header() {
    return R"({"format": "throughline-records", "version": 1)";
}

} // namespace

TEST_CASE("the good fixture parses into every kind of record with refs kept") {
    std::vector<RecordsProblem> problems;
    RecordsFile f = parseRecordsJson(fixture("records-good.json"), kToday, kNow, problems);
    REQUIRE(problems.empty());
    CHECK(f.youngPeople.size() == 2);
    CHECK(f.placements.size() == 3);
    CHECK(f.networkMembers.size() == 5);
    CHECK(f.contacts.size() == 3);
    CHECK(f.actions.size() == 2);
    CHECK(f.missingEpisodes.size() == 1);
    CHECK(f.total() == 16);

    const auto& kian = f.youngPeople[0];
    CHECK(kian.ref == "yp-kian");
    CHECK(kian.record.name == "Kian Wadsworth");
    CHECK(kian.record.preferredName == "Ki");
    REQUIRE(kian.record.dateOfBirth);
    CHECK(*kian.record.dateOfBirth == Date{2010, 5, 14});

    const auto& pl = f.placements[0];
    CHECK(pl.youngPersonRef == "yp-kian");
    CHECK(pl.record.type == PlacementType::K2);
    CHECK(hasFlag(pl.record.reasons, Harm::CriminalExploitation));
    CHECK(hasFlag(pl.record.reasons, Harm::CountyLines));
    CHECK_FALSE(hasFlag(pl.record.reasons, Harm::Trafficking));
    REQUIRE(pl.record.plannedEnd);
    CHECK_FALSE(pl.record.actualEnd);
    CHECK(pl.record.endingPlan == EndingPlan::ReturnHome);
    CHECK(f.placements[1].record.endingPlan == EndingPlan::NotDecided); // left out: not decided

    const auto& mum = f.networkMembers[1];
    CHECK(mum.record.role == Role::Parent);
    CHECK(mum.record.track == Track::Family); // from the role when the file leaves it out
    CHECK(mum.record.arrangement == Arrangement::Supervised);
    const auto& club = f.networkMembers[2];
    CHECK(club.record.track == Track::PeerCommunity);
    CHECK(club.record.place == Place::PlacementArea);
    REQUIRE(club.record.activeFrom);

    const auto& c1 = f.contacts[0];
    CHECK(c1.record.kind == ContactKind::FamilyTime);
    CHECK(c1.record.status == ContactStatus::Happened);
    REQUIRE(c1.record.startTime);
    CHECK(c1.record.startTime->minutes == 14 * 60 + 30);
    CHECK(c1.record.durationMinutes == 90);
    CHECK(c1.participantRefs == std::vector<std::string>{"nm-kian-mum", "nm-kian-sw"});
    CHECK(c1.record.youngPersonWords == "Mum was on time today. That was good.");
    CHECK(c1.record.rating == Rating::Good);
    CHECK(hasFlag(c1.record.uses, Use::Consistency));
    CHECK(hasFlag(c1.record.uses, Use::Safety));
    CHECK_FALSE(hasFlag(c1.record.uses, Use::Collaboration));
    CHECK(f.contacts[1].record.status == ContactStatus::Happened); // the default
    CHECK(hasFlag(f.contacts[1].record.concernFlags, Concern::PersonOfConcern));
    CHECK(f.contacts[2].record.cancelledBy == CancelledBy::Family);

    CHECK(f.actions[0].contactRef == "c-2");
    CHECK(f.actions[0].record.done);
    CHECK(f.actions[1].contactRef.empty());

    const auto& m = f.missingEpisodes[0];
    CHECK(m.record.kind == MissingKind::Missing);
    CHECK(m.record.startedAt == *parseIsoInstant("2025-09-20T21:15:00Z"));
    REQUIRE(m.record.endedAt);
    CHECK(m.record.interviewAccepted);
}

TEST_CASE("problems name the section, index, ref and field") {
    RecordsProblem p{"contacts", 12, "c-12", "date", "A contact cannot be dated in the future."};
    CHECK(p.describe() ==
          R"(contacts[12] (ref "c-12"), field "date": A contact cannot be dated in the future.)");
    RecordsProblem whole{{}, -1, {}, {}, "The file is not valid JSON: line 1"};
    CHECK(whole.describe() == "The file is not valid JSON: line 1");
    Error e = recordsProblemsError({p});
    CHECK(e.code == ErrorCode::Invalid);
    CHECK(e.field == "date");
    CHECK(e.message.find("contacts[12]") != std::string::npos);
}

TEST_CASE("the file as a whole must be a records file") {
    CHECK(problemsOf("").size() == 1);
    CHECK(problemsOf("{").front().message.find("not valid JSON") != std::string::npos);
    CHECK(problemsOf("[]").front().message.find("one JSON object") != std::string::npos);
    CHECK(problemsOf("{}").front().field == "format");
    CHECK(problemsOf(R"({"format": "spreadsheet", "version": 1})").front().field == "format");
    CHECK(problemsOf(R"({"format": "throughline-records"})").front().field == "version");
    CHECK(problemsOf(R"({"format": "throughline-records", "version": "1"})").front().field == "version");
    CHECK(
        problemsOf(R"({"format": "throughline-records", "version": 9})").front().message.find("version 9") !=
        std::string::npos);
    // Just the header is a valid, empty file.
    CHECK(problemsOf(header() + "}").empty());
    auto unknown = problemsOf(header() + R"(, "contact": []})");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].field == "contact");
    auto dup = problemsOf(header() + R"(, "youngPeople": [{"ref": "a", "name": "X", "name": "Y"}]})");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].message.find("appears twice") != std::string::npos);
    std::string deep = header() + R"(, "comment": )" + std::string(40, '[') + std::string(40, ']') + "}";
    CHECK(problemsOf(deep).front().message.find("too deeply") != std::string::npos);
    auto notList = problemsOf(header() + R"(, "contacts": {"ref": "c"}})");
    REQUIRE(notList.size() == 1);
    CHECK(notList[0].section == "contacts");
    auto notRecord = problemsOf(header() + R"(, "youngPeople": ["Kian"]})");
    REQUIRE(notRecord.size() == 1);
    CHECK(notRecord[0].index == 0);
}

TEST_CASE("field types, enum keys, dates and refs are checked, naming record and field") {
    const std::string good = fixture("records-good.json");
    struct Case {
        const char* from;
        const char* to;
        const char* section;
        int index;
        const char* field;
        const char* says;
    };
    const Case cases[] = {
        {R"("durationMinutes": 90)", R"("durationMinutes": 9.5)", "contacts", 0, "durationMinutes",
         "whole number"},
        {R"("durationMinutes": 90)", R"("durationMinutes": 5000)", "contacts", 0, "durationMinutes",
         "between"},
        {R"("done": true)", R"("done": 1)", "actions", 0, "done", "true or false"},
        {R"("type": "K2")", R"("type": "k2")", "placements", 0, "type", "unknown value"},
        {R"("kind": "missing")", R"("kind": "lost")", "missingEpisodes", 0, "kind", "missing, away"},
        {R"("reasons": ["criminal_exploitation", "county_lines"])", R"("reasons": "county_lines")",
         "placements", 0, "reasons", "list"},
        {R"("startTime": "14:30")", R"("startTime": "half two")", "contacts", 0, "startTime", "HH:MM"},
        {R"("startedAt": "2025-09-20T21:15:00Z")", R"("startedAt": "2025-09-20 21:15")", "missingEpisodes", 0,
         "startedAt", "UTC"},
        {R"("dateOfBirth": "2010-05-14")", R"("dateOfBirth": "14/05/2010")", "youngPeople", 0, "dateOfBirth",
         "YYYY-MM-DD"},
        {R"("dateOfBirth": "2009-11-02")", R"("dateOfBirth": "2026-03-04")", "youngPeople", 1, "dateOfBirth",
         "future"},
        {R"("actualEnd": "2025-08-31")", R"("actualEnd": "2025-02-09")", "placements", 1, "actualEnd",
         "before the start"},
        {R"("participants": ["nm-amira-nan"])", R"("participants": ["nm-amira-nan", "nm-amira-nan"])",
         "contacts", 2, "participants", "more than once"},
        {R"("participants": ["nm-amira-nan"])", R"("participants": "nm-amira-nan")", "contacts", 2,
         "participants", "list"},
        {R"("contact": "c-2")", R"("contact": "nm-kian-sw")", "actions", 0, "contact", "not a contact"},
        {R"("contact": "c-2")", R"("contact": "c-3")", "actions", 0, "contact", "different young person"},
        {R"("owner": "Key worker")", R"("owner": "")", "actions", 1, "owner", "required"},
        {R"("ref": "m-1")", R"("ref": "")", "missingEpisodes", 0, "ref", "empty"},
        {R"("ref": "a-2")", R"("ref": 2)", "actions", 1, "ref", "text"},
        {R"("arrangementReason": "Linked to the exploitation; police aware.")", R"("arrangementReason": "")",
         "networkMembers", 3, "arrangementReason", "reason"},
        {R"("name": "Priya Latimer")", "\"name\": \"Priya\\u0007Latimer\"", "networkMembers", 0, "name",
         "control character"},
        {R"("placementArea": "Marrowby")", R"("placementAreas": "Marrowby")", "placements", 2,
         "placementArea", "required"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.to);
        auto problems = problemsOf(replaceOnce(good, c.from, c.to));
        REQUIRE_FALSE(problems.empty());
        const auto& p = problems.front();
        CHECK(p.section == c.section);
        CHECK(p.index == c.index);
        CHECK(p.field == c.field);
        CHECK_MESSAGE(p.message.find(c.says) != std::string::npos, p.message);
        CHECK(p.describe().find(std::string(c.section) + "[" + std::to_string(c.index) + "]") == 0);
    }
}

TEST_CASE("a ref must be unique and must not look like a vault id; vault ids pass to the import") {
    const std::string good = fixture("records-good.json");
    auto dup = problemsOf(replaceOnce(good, R"("ref": "c-3")", R"("ref": "c-1")"));
    REQUIRE(dup.size() == 1); // and no knock-on problems
    CHECK(dup[0].field == "ref");
    auto uuidRef =
        problemsOf(replaceOnce(good, R"("ref": "m-1")", R"("ref": "0b0e7d2a-7a8e-4c57-9d6e-2d4b8d2c1f00")"));
    REQUIRE(uuidRef.size() == 1);
    CHECK(uuidRef[0].message.find("vault id") != std::string::npos);
    // A vault id as a reference is fine at parse time (checked against the vault on import).
    auto toVault = problemsOf(replaceOnce(good, R"("youngPerson": "yp-amira",
      "description")",
                                          R"("youngPerson": "0b0e7d2a-7a8e-4c57-9d6e-2d4b8d2c1f00",
      "description")"));
    CHECK(toVault.empty());
}

TEST_CASE("every problem is collected, up to a cap") {
    std::string text = header() + R"(, "youngPeople": [)";
    for (int i = 0; i < 300; ++i)
        text += std::string(i ? "," : "") + R"({"ref": "y)" + std::to_string(i) + R"("})";
    text += "]}";
    auto problems = problemsOf(text);
    CHECK(problems.size() == maxRecordsProblems);
    CHECK(problems[5].index == 5);
    CHECK(problems[5].ref == "y5");
    CHECK(problems[5].field == "name");
}

TEST_CASE("readRecordsFile bounds the size before reading") {
    TempDir dir;
    auto big = dir.path / "big.json";
    {
        std::ofstream out(big, std::ios::binary);
        out.seekp(static_cast<std::streamoff>(maxRecordsFileBytes));
        out.put(' ');
    }
    std::vector<RecordsProblem> problems;
    (void)readRecordsFile(big, kToday, kNow, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("too large") != std::string::npos);
    problems.clear();
    (void)readRecordsFile(dir.path / "absent.json", kToday, kNow, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("does not exist") != std::string::npos);
    problems.clear();
    (void)readRecordsFile(dir.path, kToday, kNow, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("not a regular file") != std::string::npos);
}

TEST_CASE("import writes every record with references resolved, and audits it") {
    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    std::vector<RecordsProblem> problems;
    RecordsFile f = parseRecordsJson(fixture("records-good.json"), Date::today(), nowMillis(), problems);
    REQUIRE(problems.empty());
    auto result = importRecords(vault->store(), vault->audit(), f, "records-good.json", problems);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
    CHECK(result->total() == 16);
    CHECK(problems.empty());

    auto& store = vault->store();
    auto people = store.listYoungPeople();
    REQUIRE(people.ok());
    REQUIRE(people->size() == 2);
    std::string kianId;
    for (const auto& p : *people)
        if (p.name == "Kian Wadsworth") kianId = p.id;
    REQUIRE(isUuid(kianId));
    auto network = store.network(kianId);
    REQUIRE(network.ok());
    CHECK(network->size() == 4);
    auto contacts = store.contacts(kianId);
    REQUIRE(contacts.ok());
    REQUIRE(contacts->size() == 2);
    for (const auto& c : *contacts)
        for (const auto& pid : c.participantIds) {
            auto m = store.networkMember(pid);
            REQUIRE(m.ok());
            CHECK(m->youngPersonId == kianId);
        }
    auto actions = store.actions(kianId, false);
    REQUIRE(actions.ok());
    REQUIRE(actions->size() == 1);
    auto linked = store.contact(actions->front().contactId);
    REQUIRE(linked.ok());
    CHECK(linked->kind == ContactKind::CommunityActivity);

    auto recent = vault->audit().recent(5);
    REQUIRE(recent.ok());
    bool audited = false;
    for (const auto& e : *recent)
        if (e.kind == AuditKind::RecordsImported && e.detail.find("16 records") != std::string::npos)
            audited = true;
    CHECK(audited);
}

TEST_CASE("import is all or nothing") {
    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    auto& store = vault->store();
    auto before = store.counts();
    REQUIRE(before.ok());

    SUBCASE("a vault id that is not in the vault: nothing written") {
        std::vector<RecordsProblem> problems;
        auto text = replaceOnce(fixture("records-good.json"), R"("youngPerson": "yp-amira",
      "description")",
                                R"("youngPerson": "0b0e7d2a-7a8e-4c57-9d6e-2d4b8d2c1f00",
      "description")");
        RecordsFile f = parseRecordsJson(text, Date::today(), nowMillis(), problems);
        REQUIRE(problems.empty());
        auto result = importRecords(store, vault->audit(), f, "x.json", problems);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::Invalid);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].section == "actions");
        CHECK(problems[0].index == 1);
        CHECK(problems[0].field == "youngPerson");
    }
    SUBCASE("a failure part way through the writes rolls everything back") {
        // Parse with a later "today" than the store uses, so the store refuses the last contacts.
        std::vector<RecordsProblem> problems;
        RecordsFile f =
            parseRecordsJson(fixture("records-good.json"), Date{2030, 1, 1}, nowMillis(), problems);
        REQUIRE(problems.empty());
        store.setToday([] { return Date{2025, 9, 1}; });
        auto result = importRecords(store, vault->audit(), f, "x.json", problems);
        REQUIRE_FALSE(result.ok());
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0].section == "contacts");
        CHECK(problems[0].ref == "c-3");
        CHECK(problems[0].field == "date");
        store.setToday([] { return Date::today(); });
    }
    auto after = store.counts();
    REQUIRE(after.ok());
    CHECK(after->youngPeople == before->youngPeople);
    CHECK(after->networkMembers == before->networkMembers);
    CHECK(after->contacts == before->contacts);
    CHECK(after->changes == before->changes);
    CHECK(after->auditEntries == before->auditEntries);
}

TEST_CASE("JSON output for list and stats has stable keys and no placement area") {
    Counts c;
    c.youngPeople = 2;
    c.contacts = 30;
    auto json = countsToJson(c);
    CHECK(json.find("\"youngPeople\": 2") != std::string::npos);
    CHECK(json.find("\"contacts\": 30") != std::string::npos);
    CHECK(json.find("youngPeople") < json.find("auditEntries"));

    YoungPersonListItem item;
    item.id = "0b0e7d2a-7a8e-4c57-9d6e-2d4b8d2c1f00";
    item.name = "Kian Wadsworth";
    item.placementArea = "Kestrel Bay";
    item.placementType = PlacementType::K2;
    item.placementStart = Date{2025, 6, 1};
    auto list = youngPeopleToJson({item});
    CHECK(list.find("\"name\": \"Kian Wadsworth\"") != std::string::npos);
    CHECK(list.find("\"placementType\": \"K2\"") != std::string::npos);
    CHECK(list.find("\"placementStart\": \"2025-06-01\"") != std::string::npos);
    CHECK(list.find("\"lastContact\": null") != std::string::npos);
    CHECK(list.find("Kestrel Bay") == std::string::npos);
    CHECK(youngPeopleToJson({}) == "[]");
}

TEST_CASE("safety plans import as successive versions with their people resolved") {
    const std::string base = header() + R"(,
      "youngPeople": [{"ref": "yp", "name": "Tia Rosenvale", "homeAuthority": "Harlow Vale Council"},
                      {"ref": "yp2", "name": "Ola Brenning", "homeAuthority": "Harlow Vale Council"}],
      "networkMembers": [
        {"ref": "nan", "youngPerson": "yp", "name": "Nan Rosenvale", "role": "grandparent", "place": "home_area"},
        {"ref": "coach", "youngPerson": "yp", "name": "Jem Ashcroft", "role": "mentor", "place": "placement_area"},
        {"ref": "other", "youngPerson": "yp2", "name": "Pat Brenning", "role": "parent", "place": "home_area"}],
      "safetyPlans": [
        {"ref": "sp-1", "youngPerson": "yp", "people": ["nan"], "safePlaces": "Nan's flat",
         "whatHelps": "Music", "youngPersonContributed": true, "reviewDate": "2026-04-01"},
        {"ref": "sp-2", "youngPerson": "yp", "people": PEOPLE, "safePlaces": "Nan's flat, the gym",
         "whatHelps": "Music", "youngPersonContributed": true, "youngPersonAgrees": true,
         "reviewDate": "2026-06-01"}]})";
    const auto withPeople = [&](const std::string& people) { return replaceOnce(base, "PEOPLE", people); };

    // A person of another young person, a person listed twice, an unknown field: named problems.
    auto problems = problemsOf(withPeople(R"(["nan", "other"])"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].section == "safetyPlans");
    CHECK(problems[0].field == "people");
    CHECK(problems[0].message.find("different young person") != std::string::npos);
    problems = problemsOf(withPeople(R"(["nan", "nan"])"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("more than once") != std::string::npos);
    problems = problemsOf(replaceOnce(
        withPeople(R"(["nan"])"),
        R"("whatHelps": "Music", "youngPersonContributed": true, "youngPersonAgrees")",
        R"("whatHelps": "Music", "youngPersonContributed": true, "version": 7, "youngPersonAgrees")"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "version");

    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    problems.clear();
    RecordsFile f = parseRecordsJson(withPeople(R"(["nan", "coach"])"), kToday, kNow, problems);
    REQUIRE(problems.empty());
    CHECK(f.safetyPlans.size() == 2);
    auto result = importRecords(vault->store(), vault->audit(), f, "plans.json", problems);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
    CHECK(result->safetyPlans == 2);
    CHECK(result->total() == 7);
    auto& store = vault->store();
    std::string tiaId;
    auto people = store.listYoungPeople();
    REQUIRE(people.ok());
    for (const auto& p : *people)
        if (p.name == "Tia Rosenvale") tiaId = p.id;
    auto versions = store.safetyPlanVersions(tiaId);
    REQUIRE(versions.ok());
    REQUIRE(versions->size() == 2);
    CHECK((*versions)[0].version == 1);
    CHECK((*versions)[0].peopleIds.size() == 1);
    CHECK((*versions)[1].version == 2);
    REQUIRE((*versions)[1].peopleIds.size() == 2);
    CHECK(store.networkMember((*versions)[1].peopleIds[1])->name == "Jem Ashcroft");
    CHECK((*versions)[1].youngPersonAgrees);
    CHECK((*versions)[1].reviewDate == Date{2026, 6, 1});
}

TEST_CASE("20,000 characters of the young person's words import whole; one more is refused in characters") {
    // Emoji, combining marks, Arabic and Ethiopic: about 50,000 bytes, so a byte limit would refuse it.
    auto asJson = [](const std::string& text) {
        std::string out;
        for (char c : text)
            out += c == '\n' ? std::string("\\n") : std::string(1, c);
        return out;
    };
    const std::string words = tltest::longWords(20000);
    const std::string good = fixture("records-good.json");
    const std::string from = R"("youngPersonWords": "Mum was on time today. That was good.")";

    auto over = problemsOf(
        replaceOnce(good, from, "\"youngPersonWords\": \"" + asJson(tltest::longWords(20001)) + "\""));
    REQUIRE(over.size() == 1);
    CHECK(over.front().field == "youngPersonWords");
    CHECK(over.front().message == "text is too long (20001 characters; at most 20000 characters)");

    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    std::vector<RecordsProblem> problems;
    RecordsFile f =
        parseRecordsJson(replaceOnce(good, from, "\"youngPersonWords\": \"" + asJson(words) + "\""),
                         Date::today(), nowMillis(), problems);
    REQUIRE(problems.empty());
    auto result = importRecords(vault->store(), vault->audit(), f, "records-good.json", problems);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
    bool found = false;
    auto people = vault->store().listYoungPeople();
    REQUIRE(people.ok());
    for (const auto& p : *people) {
        auto contacts = vault->store().contacts(p.id);
        REQUIRE(contacts.ok());
        for (const auto& c : *contacts)
            if (c.youngPersonWords == words) found = true;
    }
    CHECK(found);
}
