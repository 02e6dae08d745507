// Invented scenarios (see scenario.hpp). Everything is generated from fixed numbers: no clock, no randomness.
#include "scenario.hpp"

#include <algorithm>
#include <cstdio>

namespace tlhandover {

using namespace throughline::core;

namespace {

std::string fakeId(const char* prefix, int n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s-0000-4000-8000-%012d", prefix, n);
    return buf;
}

Date d(int y, int m, int day) {
    return Date{y, m, day};
}

NetworkMember member(int n, const char* name, Track t, Role r, Place p, View wv, View yv,
                     Arrangement a = Arrangement::Encouraged) {
    NetworkMember m;
    m.meta.id = fakeId("00000001", n);
    m.youngPersonId = fakeId("00000000", 1);
    m.name = name;
    m.track = t;
    m.role = r;
    m.place = p;
    m.workerView = wv;
    m.youngPersonView = yv;
    m.arrangement = a;
    return m;
}

} // namespace

HandoverInput fixedScenario() {
    HandoverInput in;
    in.today = d(2026, 1, 15);
    in.preparedBy = "Rhys Calloway";
    in.organisation = "Wexmoor Borough Council";
    in.endingDirection = "return_home";
    auto& yp = in.person;
    yp.meta.id = fakeId("00000000", 1);
    yp.name = "Tayo Brennick";
    yp.preferredName = "Tay";
    yp.dateOfBirth = d(2010, 3, 9);
    yp.pronouns = "he/him";
    yp.caseReference = "WX-204517";
    yp.homeAuthority = "Wexmoor Borough Council";

    Placement p;
    p.meta.id = fakeId("00000002", 1);
    p.youngPersonId = yp.meta.id;
    p.type = PlacementType::K2;
    p.provider = scenarioProvider;
    p.placementArea = "Gullhaven";
    p.locationAddress = scenarioAddress;
    p.locationName = scenarioHomeName;
    p.start = d(2025, 6, 2);
    p.plannedEnd = d(2026, 3, 31);
    p.reasons = static_cast<std::uint32_t>(Harm::CriminalExploitation) |
                static_cast<std::uint32_t>(Harm::CountyLines);
    p.outOfAreaReason = "Older associates in Wexmoor know the family address.";
    in.placements.push_back(p);

    using T = Track;
    using R = Role;
    using P = Place;
    using V = View;
    in.members = {
        member(1, "Dana Okafor", T::Practitioner, R::SocialWorker, P::HomeArea, V::Protective, V::Uncertain),
        member(2, "Rhys Calloway", T::Practitioner, R::KeyWorker, P::PlacementArea, V::Protective,
               V::Protective),
        member(3, "Mel Stroud", T::Practitioner, R::YouthWorker, P::HomeArea, V::Protective, V::Protective),
        member(4, "Carla Brennick (mum)", T::Family, R::Parent, P::HomeArea, V::Protective, V::Protective,
               Arrangement::Supervised),
        member(5, "Jordan Brennick (brother)", T::Family, R::Sibling, P::HomeArea, V::Uncertain,
               V::Protective),
        member(6, "Irene Brennick (nan)", T::Family, R::Grandparent, P::HomeArea, V::Protective,
               V::Protective),
        member(7, "Gullhaven Rowing Club", T::PeerCommunity, R::Club, P::PlacementArea, V::Protective,
               V::NotKnown),
        member(8, "Sami Achterberg", T::PeerCommunity, R::Friend, P::HomeArea, V::Protective, V::Protective),
        member(9, "Older lad known as 'Fitz'", T::PeerCommunity, R::OtherCommunity, P::HomeArea, V::Harmful,
               V::NotKnown, Arrangement::NoContact),
        member(10, "Ashwin (gaming friend)", T::PeerCommunity, R::Friend, P::Online, V::NotKnown,
               V::Protective),
    };
    auto mid = [&](int n) { return in.members[static_cast<std::size_t>(n - 1)].meta.id; };

    int next = 1;
    auto contact = [&](Date date, ContactKind kind, std::vector<int> who, Place place,
                       ContactStatus status = ContactStatus::Happened) -> ContactRecord& {
        ContactRecord c;
        c.meta.id = fakeId("00000003", next++);
        c.youngPersonId = yp.meta.id;
        c.date = date;
        c.kind = kind;
        c.status = status;
        c.place = place;
        for (int w : who)
            c.participantIds.push_back(mid(w));
        c.uses = static_cast<std::uint32_t>(Use::Consistency);
        in.contacts.push_back(c);
        return in.contacts.back();
    };
    // Before the move, in Wexmoor.
    contact(d(2025, 4, 12), ContactKind::FamilyTime, {4, 5}, P::HomeArea);
    contact(d(2025, 4, 20), ContactKind::PeerContact, {8}, P::HomeArea);
    contact(d(2025, 5, 3), ContactKind::PractitionerVisit, {3}, P::HomeArea);
    contact(d(2025, 5, 17), ContactKind::PeerContact, {8}, P::HomeArea);
    contact(d(2025, 5, 24), ContactKind::PractitionerVisit, {1}, P::HomeArea);
    // During: weekly key-worker sessions, fortnightly family time, monthly social worker visits.
    for (Date day = d(2025, 6, 5); day <= d(2026, 1, 14); day = day.addDays(7))
        contact(day, ContactKind::PractitionerVisit, {2}, P::PlacementArea);
    int k = 0;
    for (Date day = d(2025, 6, 14); day <= d(2026, 1, 10); day = day.addDays(14), ++k) {
        const auto status = (k % 4 == 3) ? ContactStatus::Cancelled : ContactStatus::Happened;
        auto& c = contact(day, ContactKind::FamilyTime, {4}, P::PlacementArea, status);
        if (status == ContactStatus::Cancelled) c.cancelledBy = CancelledBy::Family;
    }
    for (Date day = d(2025, 6, 20); day <= d(2026, 1, 15); day = day.addDays(30))
        contact(day, ContactKind::PractitionerVisit, {1}, P::PlacementArea);
    for (Date day = d(2025, 9, 6); day <= d(2025, 12, 20); day = day.addDays(7))
        contact(day, ContactKind::CommunityActivity, {7}, P::PlacementArea);
    contact(d(2025, 7, 2), ContactKind::PhoneOrVideo, {6}, P::Online);
    contact(d(2025, 10, 11), ContactKind::PhoneOrVideo, {6}, P::Online, ContactStatus::DidNotAttend);

    // The young person's own words, with characters every format has to escape.
    {
        auto& c = contact(d(2025, 12, 20), ContactKind::CommunityActivity, {7}, P::PlacementArea);
        c.meta.id = fakeId("00000004", 1);
        c.youngPersonWords =
            "Coach says I'm the strongest in the boat now. I want to race in spring <if I'm still "
            "here> & maybe bring Jordan to watch.";
        c.uses |= static_cast<std::uint32_t>(Use::Collaboration);
    }
    {
        auto& c = contact(d(2026, 1, 8), ContactKind::PractitionerVisit, {2}, P::PlacementArea);
        c.meta.id = fakeId("00000004", 2);
        c.youngPersonWords =
            "Plover House is alright, the food’s better than I thought.\n"
            "But I miss my nan. I *need* to see her before my birthday, not just on the phone.";
    }
    {
        auto& c = contact(d(2025, 11, 10), ContactKind::PractitionerVisit, {1}, P::PlacementArea);
        c.meta.id = fakeId("00000004", 3);
        c.youngPersonWords =
            "I went back to see Fitz cos he said he'd sort my phone. I didn't want to # stay.";
        c.concernFlags = static_cast<std::uint32_t>(Concern::PersonOfConcern) |
                         static_cast<std::uint32_t>(Concern::WentMissingAfter);
        c.concernText = "Tay said Fitz messaged him the postcode GH4 9QX and knew he was near Plover Rise.";
    }
    {
        auto& c = contact(d(2025, 5, 10), ContactKind::FamilyTime, {4}, P::HomeArea);
        c.youngPersonWords = "Before the move: I don't want to go anywhere.";
    }

    MissingEpisode e;
    e.meta.id = fakeId("00000005", 1);
    e.youngPersonId = yp.meta.id;
    e.kind = MissingKind::Missing;
    e.startedAt = (d(2025, 11, 8).toDays() * 86400 + 22 * 3600 + 10 * 60) * 1000LL;
    e.endedAt = (d(2025, 11, 9).toDays() * 86400 + 9 * 3600 + 40 * 60) * 1000LL;
    e.interviewOffered = true;
    e.interviewAccepted = true;
    e.interviewDate = d(2025, 11, 10);
    e.notes = "Found by police at Wexmoor bus station.";
    in.missingEpisodes.push_back(e);

    auto action = [&](int n, const char* text, const char* owner, std::optional<Date> due,
                      bool done = false) {
        FollowUpAction a;
        a.meta.id = fakeId("00000006", n);
        a.youngPersonId = yp.meta.id;
        a.description = text;
        a.owner = owner;
        a.due = due;
        a.done = done;
        in.actions.push_back(a);
    };
    action(1, "Arrange a visit to Nan in Wexmoor with a safety plan for the journey", "Dana Okafor",
           d(2026, 1, 9));
    action(2, "Ask the rowing club about the spring regatta entry", "Rhys Calloway", d(2026, 2, 1));
    action(3, "Share the phone safety advice with Carla", "Rhys Calloway", std::nullopt);
    action(4, "Return interview after the November missing episode", "Dana Okafor", d(2025, 11, 11), true);

    // The safety plan, in Tay's words, and the version before it.
    SafetyPlan v1;
    v1.meta.id = fakeId("00000009", 1);
    v1.meta.createdAt = (d(2025, 7, 1).toDays() * 86400 + 15 * 3600) * 1000LL;
    v1.youngPersonId = yp.meta.id;
    v1.version = 1;
    v1.peopleIds = {mid(2), mid(6)};
    v1.safePlaces = "My room\nThe boathouse";
    v1.unsafePlaces = "Wexmoor bus station\nAnywhere Fitz hangs about";
    v1.whatHelps = "Music on, walk it off, text Rhys";
    v1.youngPersonAgreed = "I'll tell Rhys if anyone from home messages me";
    v1.adultsAgreed = "Nobody shares where I live";
    v1.youngPersonContributed = true;
    v1.youngPersonAgrees = true;
    v1.reviewDate = d(2025, 10, 1);
    SafetyPlan v2 = v1;
    v2.meta.id = fakeId("00000009", 2);
    v2.meta.createdAt = (d(2025, 11, 12).toDays() * 86400 + 16 * 3600) * 1000LL;
    v2.version = 2;
    v2.peopleIds = {mid(2), mid(6), mid(7)};
    v2.unsafePlaces = "Wexmoor bus station\nAnywhere Fitz hangs about\nMy phone when it's on at night";
    v2.reviewDate = d(2026, 2, 12);
    in.safetyPlan = v2;
    in.previousSafetyPlan = v1;
    return in;
}

HandoverInput sourcesScenario() {
    HandoverInput in = fixedScenario();
    in.ownDevice = scenarioOwnDevice;
    in.knownDevices = {{scenarioDanaDevice, "Dana Okafor", "Wexmoor Borough Council", true},
                       {scenarioImaniDevice, "Imani Okoro", "Tidewell Exploitation Project", false}};
    auto mine = [&](RecordMeta& m) {
        m.device = scenarioOwnDevice;
        m.author = "Rhys Calloway";
    };
    mine(in.person.meta);
    for (auto& p : in.placements)
        mine(p.meta);
    for (auto& m : in.members)
        mine(m.meta);
    for (auto& a : in.actions)
        mine(a.meta);
    if (in.safetyPlan) mine(in.safetyPlan->meta);
    const std::string dana = in.members[0].meta.id, club = in.members[6].meta.id;
    for (auto& c : in.contacts) {
        mine(c.meta);
        const auto& who = c.participantIds;
        if (std::find(who.begin(), who.end(), dana) != who.end()) {
            c.meta.device = scenarioDanaDevice; // her visits, written on her own laptop
            c.meta.author = "Dana Okafor";
        } else if (std::find(who.begin(), who.end(), club) != who.end()) {
            c.meta.device = scenarioImaniDevice; // she takes Tay rowing
            c.meta.author = "Imani Okoro";
        }
    }
    // Recorded by the out-of-hours team on a laptop whose contact has since been removed.
    in.missingEpisodes.front().meta.device = scenarioGoneDevice;
    in.missingEpisodes.front().meta.author = "Lee Marsh";
    return in;
}

HandoverInput largeScenario(int contacts, int members) {
    HandoverInput in;
    in.today = Date{2026, 6, 1};
    in.preparedBy = "Bench Worker";
    in.organisation = "Wexmoor Borough Council";
    in.person.meta.id = fakeId("00000000", 9);
    in.person.name = "Benchmark Young Person";
    in.person.homeAuthority = "Wexmoor Borough Council";
    Placement p;
    p.meta.id = fakeId("00000002", 9);
    p.start = Date{2025, 6, 1};
    p.plannedEnd = Date{2026, 6, 30};
    p.placementArea = "Gullhaven";
    p.locationAddress = "1 Bench Lane, Gullhaven";
    p.locationName = "Bench House";
    in.placements.push_back(p);
    const Track tracks[] = {Track::Practitioner, Track::Family, Track::PeerCommunity};
    const Place places[] = {Place::HomeArea, Place::PlacementArea, Place::Online};
    const View views[] = {View::Protective, View::Uncertain, View::Harmful, View::NotKnown};
    for (int i = 0; i < members; ++i) {
        char name[48];
        std::snprintf(name, sizeof name, "Member %02d Surname", i + 1);
        in.members.push_back(member(100 + i, name, tracks[i % 3], i % 3 == 0 ? Role::KeyWorker : Role::Friend,
                                    places[(i / 3) % 3], views[i % 4], views[(i + 1) % 4]));
    }
    const Date start{2025, 5, 15};
    std::uint32_t x = 12345;
    for (int i = 0; i < contacts; ++i) {
        x = x * 1103515245u + 12345u;
        ContactRecord c;
        c.meta.id = fakeId("00000007", i);
        c.date = start.addDays(static_cast<int>((x >> 8) % 380));
        c.kind = static_cast<ContactKind>((x >> 4) % 6);
        c.status = (x >> 12) % 7 == 0 ? ContactStatus::Cancelled : ContactStatus::Happened;
        c.place = places[(x >> 16) % 3];
        c.participantIds.push_back(in.members[(x >> 18) % in.members.size()].meta.id);
        if (i % 10 == 0)
            c.youngPersonWords =
                "Something the young person said in their own words, number " + std::to_string(i) + ".";
        if (i % 40 == 0) c.concernText = "A concern written down by the worker.";
        in.contacts.push_back(std::move(c));
    }
    for (int i = 0; i < 30; ++i) {
        FollowUpAction a;
        a.meta.id = fakeId("00000008", i);
        a.description = "Follow-up action number " + std::to_string(i);
        a.owner = "Bench Worker";
        a.due = start.addDays(i * 12);
        in.actions.push_back(a);
    }
    return in;
}

} // namespace tlhandover
