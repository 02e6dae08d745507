// Deterministic synthetic vault contents. Everything here is invented: names, councils, towns, streets,
// postcodes (the "Q" areas do not exist in the UK), providers and every word a young person "said".
#include "throughline/records/demo.hpp"

#include "throughline/records/records.hpp"
#include "throughline/records/store.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

std::uint64_t DemoRandom::next() {
    // splitmix64 (Steele, Lea, Flood 2014): tiny, fast and the same everywhere.
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::int64_t DemoRandom::between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(next() % span);
}

bool DemoRandom::chance(int percent) {
    return between(0, 99) < percent;
}

namespace {

template <class T, std::size_t N> const T& pick(DemoRandom& rng, const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(N) - 1))];
}
template <class T> const T& pick(DemoRandom& rng, const std::vector<T>& items) {
    return items[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(items.size()) - 1))];
}

// --- Invented word lists

constexpr std::array<std::string_view, 24> boysNames = {
    "Kian",    "Tyler",   "Reece", "Jayden", "Callum",  "Mason",  "Leon",  "Kacper",
    "Darnell", "Owen",    "Rhys",  "Tariq",  "Alfie",   "Kyle",   "Jamal", "Connor",
    "Harvey",  "Brandon", "Ellis", "Marcus", "Dominik", "Ashton", "Corey", "Zain"};
constexpr std::array<std::string_view, 24> girlsNames = {
    "Chloe",    "Kayla", "Demi",  "Leah",   "Amira", "Shannon", "Jade",    "Tia",
    "Courtney", "Ruby",  "Nadia", "Keisha", "Megan", "Skye",    "Paige",   "Lacey",
    "Maja",     "Imani", "Erin",  "Holly",  "Abbie", "Sienna",  "Tanisha", "Bethan"};
constexpr std::array<std::string_view, 8> neutralNames = {"Alex", "Jordan", "Riley", "Charlie",
                                                          "Sam",  "Jesse",  "Remy",  "Frankie"};
constexpr std::array<std::string_view, 40> surnames = {
    "Ashdown", "Brackley",    "Calloway",  "Dunmore",    "Elsworth",  "Fairbairn", "Garside",   "Hollins",
    "Ingleby", "Jessop",      "Kettering", "Lomax",      "Marchant",  "Nettleton", "Oakes",     "Pennock",
    "Quarrie", "Rudd",        "Sowerby",   "Tillotson",  "Underhill", "Varley",    "Wadsworth", "Yardley",
    "Okonedo", "Mensah-Hale", "Nowacki",   "Achterberg", "Baptiste",  "Demir",     "Farouk",    "Kowalczyk",
    "Latimer", "Mbeki-Rowe",  "Osei",      "Petrakis",   "Rahmani",   "Szabo",     "Thackeray", "Winstanley"};
constexpr std::array<std::string_view, 30> adultFirstNames = {
    "Sandra", "Wayne",  "Michelle",  "Darren", "Joanne", "Lee",    "Tracey", "Gary",   "Nicola", "Dean",
    "Priya",  "Femi",   "Agnieszka", "Tomasz", "Claire", "Imran",  "Yvonne", "Marcus", "Hannah", "Grace",
    "Stuart", "Bernie", "Olu",       "Fiona",  "Rosa",   "Declan", "Hazel",  "Nathan", "Ayesha", "Colin"};

struct HomeArea {
    std::string_view council, town, code;
};
constexpr std::array<HomeArea, 6> homeAreas = {{
    {"Harlow Vale Council", "Harlow Vale", "HV"},
    {"Northmere City Council", "Northmere", "NM"},
    {"Greyhaven Borough Council", "Greyhaven", "GH"},
    {"Eastmoor County Council", "Eastmoor", "EM"},
    {"Brackenford Metropolitan Borough Council", "Brackenford", "BF"},
    {"Silverlea District Council", "Silverlea", "SL"},
}};
struct PlacementTown {
    std::string_view town, postcodeArea;
};
constexpr std::array<PlacementTown, 8> placementTowns = {{
    {"Kestrel Bay", "QK"},
    {"Fenwick Downs", "QF"},
    {"Marrowby", "QM"},
    {"Wrenfield", "QW"},
    {"Caddon Moor", "QC"},
    {"Thistlecombe", "QT"},
    {"Larkhollow", "QL"},
    {"Ottermouth", "QO"},
}};
constexpr std::array<std::string_view, 12> streets = {
    "Larkspur Close",    "Mill Race Lane", "Tanners Row",    "Heron Way",
    "Quarry Hill Road",  "Beacon Terrace", "Old Forge Lane", "Sandpiper Drive",
    "Copper Beech Walk", "Ferry Road",     "Gorse Rise",     "Kingfisher Court"};
constexpr std::array<std::string_view, 6> homeProviders = {
    "Brightwater Care Ltd",    "Oakridge Children's Homes",  "Cedar House Homes",
    "Harbourlight Care Group", "Northstar Supported Living", "Willowbank Residential"};
constexpr std::array<std::string_view, 4> fosterAgencies = {
    "Harbourlight Fostering", "Meadowgate Foster Care", "Keystone Family Placements",
    "Council in-house fostering"};
constexpr std::array<std::string_view, 8> homeNames = {"Cedar House",  "The Willows",   "Heron Lodge",
                                                       "Beacon View",  "Orchard House", "Fernlea",
                                                       "Gull Cottage", "The Grange"};
constexpr std::array<std::string_view, 6> outOfAreaReasons = {
    "Criminal exploitation in the home area; older associates know the family address.",
    "Repeated missing episodes linked to county lines; relocation agreed at the strategy meeting.",
    "Sexual exploitation concerns linked to a group in the town centre; police advised a move.",
    "Serious youth violence between groups in the home area; threats made online.",
    "No suitable local placement; the exploitation risk in the home area was judged too high.",
    "Trafficked between towns; a placement away from the known network was agreed."};

constexpr std::array<std::string_view, 16> youngPersonWords = {
    "I miss my little brother. Can he come next time?",
    "It's alright here but I don't know anyone yet.",
    "I want to write my own safety plan, not have it done to me.",
    "Mum was on time today. That was good.",
    "The staff here actually listen, most of them.",
    "I don't want to talk about back home today.",
    "Can I go to boxing again on Thursday?",
    "My mates from home keep messaging me. I haven't answered.",
    "I'm bored. There's nothing to do round here.",
    "I felt safe today. I didn't have to look over my shoulder.",
    "Why do I have to have someone with me when I see my dad?",
    "Nan made my favourite. I want to see her more.",
    "School is OK. The maths teacher is sound.",
    "I want to go home when I'm 18. That's where my life is.",
    "I don't trust the police. They never helped before.",
    "I liked the football. Can I join the team properly?"};
constexpr std::array<std::string_view, 10> visitObservations = {
    "Relaxed and chatty; talked about settling in and plans for college.",
    "Quiet to begin with, opened up after a walk to the shop.",
    "Reviewed the safety plan together; updated the list of safe places.",
    "Talked through the week at school; attendance has improved.",
    "Tired and irritable after a late night; agreed to talk again tomorrow.",
    "Went for food in town; engaged well and asked about family time.",
    "Discussed phone use and who has been in touch from the home area.",
    "Worked on the life-story book; proud of the photos chosen.",
    "Helped plan the weekend activity; chose the climbing centre.",
    "Talked about worries about going home; reassured about next steps."};
constexpr std::array<std::string_view, 8> familyObservations = {
    "Warm family time; lots of laughter over lunch.",
    "Some tension at the start, settled once the game came out.",
    "Mum asked about college plans; the young person seemed pleased.",
    "Siblings played football together for most of the session.",
    "Grandparent brought photos from home; a good conversation about memories.",
    "Family time ended early; the young person asked to leave.",
    "Phone call went well; agreed to call again on Sunday.",
    "Talked about the plan for returning home; both sides hopeful but cautious."};
constexpr std::array<std::string_view, 8> peerObservations = {
    "Spent the afternoon at the club; mixed well with the group.",
    "Met a friend from school in town; staff nearby, no concerns.",
    "Online gaming with a friend from home; appropriate chat seen.",
    "Attended the youth centre session and stayed to help tidy up.",
    "First session at the new club; nervous but went in.",
    "Went to the cinema with a friend from the placement area.",
    "Messages with a friend from home about their birthday.",
    "Mentor session: talked about a part-time job."};
constexpr std::array<std::string_view, 6> cancelReasons = {"Cancelled: transport fell through.",
                                                           "Cancelled: parent unwell.",
                                                           "Cancelled: the young person did not want to go.",
                                                           "Cancelled: staff shortage at the home.",
                                                           "Cancelled: clash with a school trip.",
                                                           "Cancelled: weather made the journey unsafe."};
constexpr std::array<std::string_view, 6> concernTexts = {
    "Came back with new trainers and cash; would not say where they came from.",
    "Mentioned an older male from the home area has been messaging.",
    "A car with home-area plates seen outside the placement twice.",
    "Small cut to the hand; said it happened at football.",
    "Went missing the evening after this contact.",
    "Said someone from back home knows where they live now."};
constexpr std::array<std::string_view, 10> actionDescriptions = {
    "Update the safety plan with the new safe places.",
    "Ask the social worker to arrange extra family time with Nan.",
    "Share the concern with the police missing person coordinator.",
    "Find out about football training in the placement area.",
    "Book the return home interview.",
    "Check phone contact arrangements with the social worker.",
    "Arrange a visit to the college open day.",
    "Refer to the exploitation service in the placement area.",
    "Talk with school about the attendance plan.",
    "Confirm transport for next family time."};
constexpr std::array<std::string_view, 6> missingNotes = {
    "Did not return after school; found by police at a friend's address in the home area.",
    "Left the home late evening; returned by taxi the next morning, would not say where.",
    "Away from placement without agreement; staff knew the location, returned after 3 hours.",
    "Travelled back to the home area by train; collected by the social worker.",
    "Missing overnight; seen with older males near the station.",
    "Returned of their own accord in the early hours; tired, no injuries."};

// --- Helpers

std::string str(std::string_view s) {
    return std::string(s);
}

std::string adultName(DemoRandom& rng) {
    return str(pick(rng, adultFirstNames)) + " " + str(pick(rng, surnames));
}

std::int64_t millisOf(const Date& d, int minutesOfDay) {
    return d.toDays() * 86'400'000ll + static_cast<std::int64_t>(minutesOfDay) * 60'000ll;
}

/// A person in the generated network, with what the contact generator needs to know about them.
struct Member {
    NetworkMember record;
    bool group = false; // a club, school or place rather than a person
};

struct Network {
    std::vector<Member> members;
    std::string keyWorkerName, socialWorkerName;
};

void addMember(Network& net, DemoRandom& rng, std::string name, Role role, Place place, View worker, View yp,
               Arrangement arr = Arrangement::Encouraged, std::string reason = {}, bool group = false) {
    Member m;
    m.record.name = std::move(name);
    m.record.role = role;
    m.record.track = defaultTrackFor(role);
    m.record.place = place;
    m.record.workerView = worker;
    m.record.youngPersonView = yp;
    m.record.arrangement = arr;
    m.record.arrangementReason = std::move(reason);
    m.record.source = rng.chance(70) ? "Care plan" : "Young person";
    m.group = group;
    net.members.push_back(std::move(m));
}

View mostlyProtective(DemoRandom& rng) {
    auto r = rng.between(0, 99);
    return r < 70 ? View::Protective : r < 90 ? View::Uncertain : View::NotKnown;
}

/// Builds a network of roughly 10–40 people, groups and places across the three tracks and places.
Network buildNetwork(DemoRandom& rng, const std::string& youngFirstName, const std::string& familyName,
                     int age, bool residential, std::string_view homeTown, std::string_view placementTown,
                     const Date& placementStart) {
    Network net;
    // Practitioners
    net.socialWorkerName = adultName(rng);
    addMember(net, rng, net.socialWorkerName, Role::SocialWorker, Place::HomeArea, View::Protective,
              rng.chance(60) ? View::Protective : View::Uncertain);
    net.keyWorkerName = adultName(rng);
    addMember(net, rng, net.keyWorkerName, Role::KeyWorker, Place::PlacementArea, View::Protective,
              mostlyProtective(rng));
    if (residential) {
        for (int i = 0, n = static_cast<int>(rng.between(1, 3)); i < n; ++i)
            addMember(net, rng, adultName(rng), Role::ResidentialStaff, Place::PlacementArea,
                      mostlyProtective(rng), mostlyProtective(rng));
    } else {
        std::string carerSurname = str(pick(rng, surnames));
        addMember(net, rng, str(pick(rng, adultFirstNames)) + " " + carerSurname, Role::FosterCarer,
                  Place::PlacementArea, View::Protective, mostlyProtective(rng));
        if (rng.chance(60))
            addMember(net, rng, str(pick(rng, adultFirstNames)) + " " + carerSurname, Role::FosterCarer,
                      Place::PlacementArea, View::Protective, mostlyProtective(rng));
    }
    if (rng.chance(80))
        addMember(net, rng, adultName(rng) + " (" + str(placementTown) + " Academy)", Role::Teacher,
                  Place::PlacementArea, View::Protective, mostlyProtective(rng));
    if (rng.chance(50))
        addMember(net, rng, adultName(rng), Role::YouthWorker, Place::HomeArea, View::Protective,
                  View::Protective);
    if (age >= 15 && rng.chance(40))
        addMember(net, rng, adultName(rng), Role::PersonalAdviser, Place::HomeArea, View::Protective,
                  View::NotKnown);
    if (rng.chance(40))
        addMember(net, rng, adultName(rng) + " (CAMHS)", Role::HealthWorker, Place::PlacementArea,
                  View::Protective, rng.chance(50) ? View::Uncertain : View::Protective);
    if (rng.chance(30))
        addMember(net, rng, "PC " + adultName(rng) + " (missing person coordinator)", Role::Police,
                  Place::HomeArea, View::Protective, View::Uncertain);

    // Family: mostly in the home area.
    std::string mum = str(pick(rng, adultFirstNames));
    if (rng.chance(90))
        addMember(net, rng, mum + " " + familyName + " (mum)", Role::Parent, Place::HomeArea,
                  mostlyProtective(rng), View::Protective,
                  rng.chance(15) ? Arrangement::Supervised : Arrangement::Encouraged, "");
    if (rng.chance(50)) {
        bool restricted = rng.chance(30);
        addMember(net, rng, str(pick(rng, adultFirstNames)) + " " + familyName + " (dad)", Role::Parent,
                  Place::HomeArea, restricted ? View::Uncertain : mostlyProtective(rng),
                  restricted ? View::Protective : mostlyProtective(rng),
                  restricted ? Arrangement::Supervised : Arrangement::Encouraged,
                  restricted ? "Supervised while concerns about his associates are assessed." : "");
    } else if (rng.chance(30)) {
        addMember(net, rng, adultName(rng) + " (stepdad)", Role::StepParent, Place::HomeArea, View::Uncertain,
                  rng.chance(50) ? View::Uncertain : View::Harmful);
    }
    std::vector<std::string> siblingNames{youngFirstName};
    for (int i = 0, n = static_cast<int>(rng.between(0, 3)); i < n; ++i) {
        std::string first;
        for (int tries = 0; tries < 8 && (first.empty() || std::find(siblingNames.begin(), siblingNames.end(),
                                                                     first) != siblingNames.end());
             ++tries)
            first = str(rng.chance(50) ? pick(rng, boysNames) : pick(rng, girlsNames));
        if (std::find(siblingNames.begin(), siblingNames.end(), first) != siblingNames.end()) continue;
        siblingNames.push_back(first);
        addMember(net, rng, first + " " + familyName + " (sibling)", Role::Sibling,
                  rng.chance(15) ? Place::Online : Place::HomeArea, View::Protective, View::Protective);
    }
    for (int i = 0, n = static_cast<int>(rng.between(0, 2)); i < n; ++i)
        addMember(net, rng, str(i == 0 ? "Nan " : "Grandad ") + str(pick(rng, surnames)), Role::Grandparent,
                  Place::HomeArea, View::Protective, View::Protective);
    for (int i = 0, n = static_cast<int>(rng.between(0, 2)); i < n; ++i)
        addMember(net, rng, adultName(rng) + " (aunt/uncle)", Role::AuntUncle,
                  rng.chance(20) ? Place::PlacementArea : Place::HomeArea, mostlyProtective(rng),
                  mostlyProtective(rng));
    if (rng.chance(40))
        addMember(net, rng, str(pick(rng, neutralNames)) + " " + familyName + " (cousin)", Role::Cousin,
                  rng.chance(30) ? Place::Online : Place::HomeArea, View::Uncertain, View::Protective);

    // Peers and community: the track practice most often forgets.
    for (int i = 0, n = static_cast<int>(rng.between(1, 4)); i < n; ++i) {
        const auto& first = rng.chance(50) ? pick(rng, boysNames) : pick(rng, girlsNames);
        addMember(net, rng, str(first) + " " + str(pick(rng, surnames)), Role::Friend, Place::HomeArea,
                  rng.chance(60) ? View::Protective : View::Uncertain, View::Protective);
    }
    if (rng.chance(70))
        addMember(net, rng,
                  "Man known as '" +
                      str(pick(rng, std::array<std::string_view, 4>{"Dee", "Tiny", "K", "Smokey"})) + "'",
                  Role::OtherCommunity, Place::HomeArea, View::Harmful,
                  rng.chance(60) ? View::Protective : View::NotKnown, Arrangement::NoContact,
                  "Linked to the exploitation in the home area; police aware.");
    for (int i = 0, n = static_cast<int>(rng.between(0, 3)); i < n; ++i) {
        const auto& first = rng.chance(50) ? pick(rng, boysNames) : pick(rng, girlsNames);
        addMember(net, rng, str(first) + " " + str(pick(rng, surnames)), Role::Friend, Place::PlacementArea,
                  mostlyProtective(rng), mostlyProtective(rng));
    }
    for (int i = 0, n = static_cast<int>(rng.between(0, 2)); i < n; ++i) {
        std::string handle =
            "Online friend '" + str(pick(rng, neutralNames)) + std::to_string(rng.between(10, 99)) + "'";
        bool restricted = rng.chance(30);
        addMember(net, rng, handle, Role::Friend, Place::Online, View::Uncertain, View::Protective,
                  restricted ? Arrangement::Restricted : Arrangement::Encouraged,
                  restricted ? "Met online; identity not confirmed. Chat only on the shared tablet." : "");
    }
    if (age >= 14 && rng.chance(20))
        addMember(net, rng, str(rng.chance(50) ? pick(rng, boysNames) : pick(rng, girlsNames)) + " (partner)",
                  Role::Partner, Place::HomeArea, View::Uncertain, View::Protective);
    if (rng.chance(50))
        addMember(net, rng, str(homeTown) + " High School", Role::School, Place::HomeArea, View::Protective,
                  rng.chance(50) ? View::Uncertain : View::Protective, Arrangement::Encouraged, "", true);
    if (rng.chance(60))
        addMember(net, rng,
                  str(placementTown) + " " +
                      str(pick(rng, std::array<std::string_view, 4>{"Boxing Club", "Youth Football Club",
                                                                    "Climbing Wall", "Music Project"})),
                  Role::Club, Place::PlacementArea, View::Protective, View::Protective,
                  Arrangement::Encouraged, "", true);
    if (rng.chance(15))
        addMember(net, rng, "St Aldwyn's Church youth group", Role::FaithGroup, Place::HomeArea,
                  View::Protective, View::NotKnown, Arrangement::Encouraged, "", true);
    if (rng.chance(40))
        addMember(net, rng, str(placementTown) + " Youth Centre", Role::NeighbourhoodPlace,
                  Place::PlacementArea, View::Protective, mostlyProtective(rng), Arrangement::Encouraged, "",
                  true);
    if (rng.chance(30))
        addMember(net, rng, adultName(rng) + " (mentor)", Role::Mentor, Place::PlacementArea,
                  View::Protective, mostlyProtective(rng));
    if (age >= 16 && rng.chance(15))
        addMember(net, rng, "Ferry Road Café (Saturday job)", Role::Employer, Place::PlacementArea,
                  View::Protective, View::Protective, Arrangement::Encouraged, "", true);

    // People in the placement area came into the young person's life with the placement.
    for (auto& m : net.members)
        if (m.record.place == Place::PlacementArea && m.record.role != Role::AuntUncle)
            m.record.activeFrom = placementStart;
    while (net.members.size() < 10)
        addMember(net, rng, str(pick(rng, girlsNames)) + " " + str(pick(rng, surnames)), Role::Friend,
                  Place::PlacementArea, mostlyProtective(rng), mostlyProtective(rng));
    if (net.members.size() > 40) net.members.resize(40);
    return net;
}

/// How much each track is used, changing over the placement to make the silos visible in some networks.
struct TrackPattern {
    int practitioner, family, peer;
    bool peerStopsEarly; // peer contact dries up after the move
    bool familyFades;    // family time strong early, fades later
};

ContactKind kindFor(DemoRandom& rng, const Member& m) {
    if (m.record.place == Place::Online)
        return rng.chance(60) ? ContactKind::Messages : ContactKind::PhoneOrVideo;
    switch (m.record.track) {
    case Track::Practitioner:
        return rng.chance(80) ? ContactKind::PractitionerVisit : ContactKind::PhoneOrVideo;
    case Track::Family: {
        auto r = rng.between(0, 99);
        return r < 70 ? ContactKind::FamilyTime : r < 95 ? ContactKind::PhoneOrVideo : ContactKind::Messages;
    }
    case Track::PeerCommunity:
        if (m.group) return ContactKind::CommunityActivity;
        return rng.chance(70) ? ContactKind::PeerContact : ContactKind::Messages;
    }
    return ContactKind::PractitionerVisit;
}

Rating ratingFor(DemoRandom& rng) {
    auto r = rng.between(0, 99);
    return r < 5    ? Rating::VeryDifficult
           : r < 15 ? Rating::Difficult
           : r < 40 ? Rating::Mixed
           : r < 80 ? Rating::Good
           : r < 92 ? Rating::VeryGood
                    : Rating::NotRated;
}

struct YoungPersonPlan {
    YoungPerson person;
    std::vector<Placement> placements; // previous (if any) first, current last
    Network network;
    int contacts = 0;
};

YoungPersonPlan planYoungPerson(DemoRandom& rng, const Date& today, int contacts) {
    YoungPersonPlan plan;
    plan.contacts = contacts;
    auto& y = plan.person;
    int gender = static_cast<int>(rng.between(0, 9)); // 0-4 boy, 5-8 girl, 9 neutral
    std::string first = str(gender < 5   ? pick(rng, boysNames)
                            : gender < 9 ? pick(rng, girlsNames)
                                         : pick(rng, neutralNames));
    std::string family = str(pick(rng, surnames));
    y.name = first + " " + family;
    static const char* const nicknames[] = {"Jay", "Sonny", "Bex", "Kit", "Rio",
                                            "Tee", "Mo",    "Lou", "Ash", "Frankie"};
    if (rng.chance(15)) y.preferredName = nicknames[rng.between(0, 9)]; // goes by a nickname
    int age = static_cast<int>(rng.between(12, 17));
    y.dateOfBirth = today.addDays(-(age * 365 + rng.between(30, 360)));
    y.pronouns = gender < 5 ? "he/him" : gender < 9 ? "she/her" : "they/them";
    const auto& home = pick(rng, homeAreas);
    y.homeAuthority = str(home.council);
    y.caseReference = str(home.code) + "-" + std::to_string(rng.between(100000, 999999));
    if (rng.chance(50)) y.notes = "Relocated because of extra-familial harm in " + str(home.town) + ".";

    auto makePlacement = [&](const Date& start, std::optional<Date> end) {
        Placement p;
        auto r = rng.between(0, 99);
        p.type = r < 40   ? PlacementType::K2
                 : r < 55 ? PlacementType::U4
                 : r < 65 ? PlacementType::U5
                 : r < 75 ? PlacementType::U6
                 : r < 90 ? PlacementType::H5
                          : PlacementType::K1;
        if (p.type == PlacementType::H5 && age < 16) p.type = PlacementType::K2;
        bool residential =
            p.type == PlacementType::K1 || p.type == PlacementType::K2 || p.type == PlacementType::H5;
        const auto& town = pick(rng, placementTowns);
        p.placementArea = str(town.town);
        p.provider = str(residential ? pick(rng, homeProviders) : pick(rng, fosterAgencies));
        p.locationName = residential
                             ? str(pick(rng, homeNames))
                             : str(pick(rng, adultFirstNames)) + " and " + str(pick(rng, adultFirstNames)) +
                                   " " + str(pick(rng, surnames)) + " (foster carers)";
        p.locationAddress = std::to_string(rng.between(1, 120)) + " " + str(pick(rng, streets)) + ", " +
                            str(town.town) + ", " + str(town.postcodeArea) +
                            std::to_string(rng.between(1, 9)) + " " + std::to_string(rng.between(1, 9)) +
                            static_cast<char>('A' + rng.between(0, 25)) +
                            static_cast<char>('A' + rng.between(0, 25));
        p.start = start;
        p.actualEnd = end;
        if (!end && rng.chance(60)) p.plannedEnd = start.addDays(rng.between(180, 730));
        static constexpr std::array<Harm, 6> harms = {Harm::CriminalExploitation, Harm::CountyLines,
                                                      Harm::SexualExploitation,   Harm::Trafficking,
                                                      Harm::OnlineHarm,           Harm::PeerViolence};
        p.reasons = static_cast<std::uint32_t>(pick(rng, harms));
        if (rng.chance(40)) p.reasons |= static_cast<std::uint32_t>(pick(rng, harms));
        p.outOfAreaReason = str(pick(rng, outOfAreaReasons));
        return p;
    };
    Date currentStart = today.addDays(-rng.between(45, 540));
    if (rng.chance(35)) {
        Date prevEnd = currentStart.addDays(-1);
        plan.placements.push_back(makePlacement(prevEnd.addDays(-rng.between(60, 300)), prevEnd));
    }
    plan.placements.push_back(makePlacement(currentStart, std::nullopt));
    const auto& current = plan.placements.back();
    bool residential = current.type != PlacementType::U4 && current.type != PlacementType::U5 &&
                       current.type != PlacementType::U6;
    plan.network =
        buildNetwork(rng, first, family, age, residential, home.town, current.placementArea, currentStart);
    if (plan.placements.size() > 1) {
        // Someone from the last placement the young person still mentions.
        Member m;
        m.record.name = adultName(rng) + " (staff at the last placement)";
        m.record.role = Role::ResidentialStaff;
        m.record.track = Track::Practitioner;
        m.record.place = Place::PlacementArea;
        m.record.workerView = View::Protective;
        m.record.youngPersonView = View::Protective;
        m.record.activeFrom = plan.placements.front().start;
        m.record.activeTo = plan.placements.front().actualEnd;
        m.record.source = "Young person";
        if (plan.network.members.size() >= 40) plan.network.members.pop_back();
        plan.network.members.push_back(std::move(m));
    }
    return plan;
}

/// The splitmix64 finaliser: spreads nearby seeds across the whole 64-bit cycle.
std::uint64_t mixSeed(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// A UUID v4 drawn from the demo's PRNG, so the same seed gives the same record ids.
std::string demoUuid(DemoRandom& rng) {
    static const char* hex = "0123456789abcdef";
    std::uint8_t b[16];
    for (int i = 0; i < 16; i += 8) {
        const std::uint64_t v = rng.next();
        for (int k = 0; k < 8; ++k)
            b[i + k] = static_cast<std::uint8_t>(v >> (8 * k));
    }
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 0xF];
    }
    return out;
}

template <class R> Result<std::string> createWithId(Store& store, DemoRandom& rng, R& r) {
    r.meta.id = demoUuid(rng);
    return store.create(r);
}

/// Writes one young person and everything around them. Runs inside the caller's transaction.
Status writeYoungPerson(Store& store, DemoRandom& rng, YoungPersonPlan& plan, const Date& today,
                        std::int64_t nowMs, DemoSummary& s) {
    auto ypId = createWithId(store, rng, plan.person);
    if (!ypId) return ypId.error();
    ++s.youngPeople;
    for (auto& p : plan.placements) {
        p.youngPersonId = *ypId;
        if (auto r = createWithId(store, rng, p); !r) return r.error();
        ++s.placements;
    }
    std::vector<std::vector<std::size_t>> byTrack(3);
    std::size_t keyWorker = 0;
    for (std::size_t i = 0; i < plan.network.members.size(); ++i) {
        auto& m = plan.network.members[i];
        m.record.youngPersonId = *ypId;
        auto id = createWithId(store, rng, m.record);
        if (!id) return id.error();
        m.record.meta.id = *id;
        ++s.networkMembers;
        if (m.record.role == Role::KeyWorker) keyWorker = i;
        if (m.record.arrangement != Arrangement::NoContact && !m.record.activeTo)
            byTrack[static_cast<std::size_t>(m.record.track)].push_back(i);
    }

    // Contacts, spread over the time since six weeks before the first move (the home area's work while the
    // move was planned: the "before the move" phase of the relational picture), oldest first. Before the
    // move only home-area people appear (placement-area people are active from the placement's start).
    const Date from = plan.placements.front().start.addDays(-42);
    const std::int64_t spanDays = std::max<std::int64_t>(1, today.toDays() - from.toDays());
    std::vector<std::int64_t> days(static_cast<std::size_t>(plan.contacts));
    for (auto& d : days)
        d = rng.between(0, spanDays);
    std::sort(days.begin(), days.end());
    TrackPattern pattern{static_cast<int>(rng.between(40, 60)), static_cast<int>(rng.between(15, 40)),
                         static_cast<int>(rng.between(3, 30)), rng.chance(35), rng.chance(30)};
    const Date currentStart = plan.placements.back().start;
    std::vector<std::pair<std::string, Date>> raisedActions; // contact id, date

    for (std::int64_t dayOffset : days) {
        ContactRecord c;
        c.youngPersonId = *ypId;
        c.date = from.addDays(dayOffset);
        double t = static_cast<double>(dayOffset) / static_cast<double>(spanDays);
        int wp = pattern.practitioner;
        int wf = pattern.familyFades ? static_cast<int>(pattern.family * (1.2 - t)) + 1 : pattern.family;
        int wc = (pattern.peerStopsEarly && c.date > currentStart.addDays(30)) ? 0 : pattern.peer;
        auto r = rng.between(0, wp + wf + wc - 1);
        std::size_t track = r < wp ? 0 : r < wp + wf ? 1 : 2;
        if (byTrack[track].empty()) track = 0;
        if (byTrack[track].empty()) continue; // nobody to meet (cannot happen: a key worker always exists)
        const Member& who = plan.network.members[pick(rng, byTrack[track])];
        // Placement-area people only appear once the young person lives there.
        const Member& m = (who.record.activeFrom && c.date < *who.record.activeFrom)
                              ? plan.network.members[byTrack[0].front()]
                              : who;
        track = static_cast<std::size_t>(m.record.track);
        c.kind = kindFor(rng, m);
        c.participantIds.push_back(m.record.meta.id);
        if (rng.chance(15) && byTrack[track].size() > 1) {
            const auto& other = plan.network.members[pick(rng, byTrack[track])];
            if (other.record.meta.id != m.record.meta.id &&
                (!other.record.activeFrom || c.date >= *other.record.activeFrom))
                c.participantIds.push_back(other.record.meta.id);
        }
        if (c.kind == ContactKind::PhoneOrVideo || c.kind == ContactKind::Messages)
            c.place = Place::Online;
        else if (c.kind == ContactKind::FamilyTime)
            c.place = rng.chance(60) ? Place::HomeArea : Place::PlacementArea;
        else
            c.place = m.record.place == Place::Online ? Place::PlacementArea : m.record.place;
        if (c.kind == ContactKind::FamilyTime && c.place == Place::HomeArea)
            c.placeNote = "Family contact centre";
        if (m.record.arrangement == Arrangement::Supervised) {
            c.supervisedBy = plan.network.keyWorkerName;
            const auto& kwId = plan.network.members[keyWorker].record.meta.id;
            if (std::find(c.participantIds.begin(), c.participantIds.end(), kwId) == c.participantIds.end())
                c.participantIds.push_back(kwId);
        }
        c.startTime = TimeOfDay{static_cast<int>(rng.between(36, 80)) * 15}; // 09:00–20:00
        if (c.date == today) c.startTime = TimeOfDay{9 * 60};
        c.durationMinutes = c.kind == ContactKind::Messages ? 0 : static_cast<int>(rng.between(2, 12)) * 15;

        auto sr = rng.between(0, 99);
        int cancelRate = track == 1 ? 14 : 7;
        if (sr < cancelRate) {
            c.status = ContactStatus::Cancelled;
            static constexpr std::array<CancelledBy, 5> who5 = {CancelledBy::YoungPerson, CancelledBy::Family,
                                                                CancelledBy::Carer, CancelledBy::Practitioner,
                                                                CancelledBy::Other};
            c.cancelledBy = track == 1 && rng.chance(50) ? CancelledBy::Family : pick(rng, who5);
            c.observations = str(pick(rng, cancelReasons));
        } else if (sr < cancelRate + 6) {
            c.status = ContactStatus::Declined;
            c.observations = "The young person said no to this contact today.";
            if (rng.chance(50)) c.youngPersonWords = "I'm not going. Not today.";
        } else if (sr < cancelRate + 11) {
            c.status = ContactStatus::DidNotAttend;
            c.observations = "Did not turn up; no message beforehand.";
        } else {
            c.status = ContactStatus::Happened;
            c.rating = ratingFor(rng);
            c.observations = str(track == 0   ? pick(rng, visitObservations)
                                 : track == 1 ? pick(rng, familyObservations)
                                              : pick(rng, peerObservations));
            if (rng.chance(35)) c.youngPersonWords = str(pick(rng, youngPersonWords));
            if (rng.chance(50) || track == 0) c.uses |= static_cast<std::uint32_t>(Use::Consistency);
            if (rng.chance(track == 0 ? 40 : 15)) c.uses |= static_cast<std::uint32_t>(Use::Collaboration);
            if (rng.chance(30)) c.uses |= static_cast<std::uint32_t>(Use::Safety);
            if (rng.chance(3)) {
                static constexpr std::array<Concern, 5> concerns = {
                    Concern::PersonOfConcern, Concern::MoneyOrItems, Concern::Injury,
                    Concern::WentMissingAfter, Concern::Other};
                auto idx = static_cast<std::size_t>(rng.between(0, 5));
                c.concernText = str(concernTexts[idx]);
                static constexpr std::array<Concern, 6> byText = {
                    Concern::MoneyOrItems, Concern::PersonOfConcern,  Concern::PersonOfConcern,
                    Concern::Injury,       Concern::WentMissingAfter, Concern::PersonOfConcern};
                c.concernFlags = static_cast<std::uint32_t>(byText[idx]);
                if (rng.chance(20)) c.concernFlags |= static_cast<std::uint32_t>(pick(rng, concerns));
            }
        }
        auto id = createWithId(store, rng, c);
        if (!id) return id.error();
        ++s.contacts;
        if (c.concernFlags != 0 || rng.between(0, 999) < 15) raisedActions.emplace_back(*id, c.date);
    }

    for (const auto& [contactId, date] : raisedActions) {
        FollowUpAction a;
        a.youngPersonId = *ypId;
        a.contactId = contactId;
        a.description = str(pick(rng, actionDescriptions));
        a.owner = rng.chance(60) ? plan.network.keyWorkerName : plan.network.socialWorkerName;
        a.due = date.addDays(rng.between(3, 28));
        a.done = *a.due < today.addDays(-7) && rng.chance(93);
        if (auto r = createWithId(store, rng, a); !r) return r.error();
        ++s.actions;
    }

    // Missing episodes: evenings, mostly back within a day.
    int episodes = static_cast<int>(rng.between(0, 99) < 40 ? 0 : rng.between(1, 5));
    for (int i = 0; i < episodes; ++i) {
        MissingEpisode e;
        e.youngPersonId = *ypId;
        e.kind = rng.chance(75) ? MissingKind::Missing : MissingKind::Away;
        Date day = currentStart.addDays(
            rng.between(0, std::max<std::int64_t>(0, today.toDays() - currentStart.toDays() - 3)));
        e.startedAt = millisOf(day, static_cast<int>(rng.between(17 * 60, 23 * 60)));
        std::int64_t ended = e.startedAt + rng.between(2, 40) * 3'600'000ll;
        if (ended <= nowMs) {
            e.endedAt = ended;
            e.interviewOffered = rng.chance(90);
            e.interviewAccepted = e.interviewOffered && rng.chance(60);
            if (e.interviewAccepted) {
                Date interview = Date::fromDays(ended / 86'400'000ll).addDays(rng.between(1, 3));
                if (interview <= today)
                    e.interviewDate = interview;
                else
                    e.interviewAccepted = false;
            }
        }
        e.notes = str(pick(rng, missingNotes));
        if (auto r = createWithId(store, rng, e); !r) return r.error();
        ++s.missingEpisodes;
    }

    // A safety plan for most young people, sometimes updated once; in their words, all invented.
    if (rng.chance(70)) {
        static const char* const safe[] = {"My room at the home", "The boxing club", "Nan's flat",
                                           "The library in town", "Football on Saturdays"};
        static const char* const unsafe[] = {"The station at night", "The flats by the old precinct",
                                             "Anywhere near the retail park after dark"};
        static const char* const helps[] = {"Music in my headphones and a walk.",
                                            "Texting my key worker when I'm wound up.",
                                            "Going to the gym, being left alone for a bit, then talking."};
        SafetyPlan sp;
        sp.youngPersonId = *ypId;
        for (const auto& m : plan.network.members)
            if (m.record.workerView == View::Protective && m.record.arrangement == Arrangement::Encouraged &&
                sp.peopleIds.size() < 3 && rng.chance(40))
                sp.peopleIds.push_back(m.record.meta.id);
        sp.safePlaces = std::string(safe[rng.between(0, 4)]) + "\n" + safe[rng.between(0, 4)];
        sp.unsafePlaces = unsafe[rng.between(0, 2)];
        sp.whatHelps = helps[rng.between(0, 2)];
        sp.youngPersonAgreed = "To tell someone where I am if I'm going to be late back.";
        sp.adultsAgreed =
            "To ring me back the same day, and not to move me again without talking to me first.";
        sp.youngPersonContributed = rng.chance(80);
        sp.youngPersonAgrees = sp.youngPersonContributed && rng.chance(80);
        sp.reviewDate = today.addDays(rng.between(-20, 60));
        if (auto r = createWithId(store, rng, sp); !r) return r.error();
        if (rng.chance(40)) {
            sp.meta = {};
            sp.version = 0;
            sp.whatHelps += " Having someone to talk to who isn't staff.";
            sp.reviewDate = today.addDays(rng.between(10, 90));
            if (auto r = createWithId(store, rng, sp); !r) return r.error();
        }
    }
    return Status::success();
}

} // namespace

Status generateDemo(Store& store, const DemoOptions& options, DemoSummary* summaryOut) {
    DemoSummary local;
    DemoSummary& summary = summaryOut ? *summaryOut : local;
    summary = {};
    if (options.youngPeople < 0 || options.youngPeople > DemoLimits::maxYoungPeople)
        return makeError(ErrorCode::Invalid,
                         "The number of young people must be between 0 and " +
                             std::to_string(DemoLimits::maxYoungPeople) + ".",
                         "youngPeople");
    if (options.contacts < 0 || options.contacts > DemoLimits::maxContacts)
        return makeError(ErrorCode::Invalid,
                         "The number of contacts must be between 0 and " +
                             std::to_string(DemoLimits::maxContacts) + ".",
                         "contacts");
    if (options.contacts > 0 && options.youngPeople == 0)
        return makeError(ErrorCode::Invalid, "Contacts need at least one young person.", "youngPeople");
    const Date today = options.today.value_or(Date::today());
    if (!today.valid()) return makeError(ErrorCode::Invalid, "The demo date is not a valid date.", "today");
    // "Now" for missing episodes: the end of the demo's day, or the real now if that is earlier.
    const std::int64_t nowMs = std::min(nowMillis(), millisOf(today, 24 * 60) - 1);

    // Share the contacts out unevenly but exactly: some young people are seen far more than others.
    DemoRandom shares(options.seed ^ 0xC0FFEE123456789ull);
    std::vector<std::int64_t> weights(static_cast<std::size_t>(options.youngPeople));
    std::int64_t totalWeight = 0;
    for (auto& w : weights)
        totalWeight += (w = shares.between(50, 150));
    std::vector<int> perPerson(weights.size(), 0);
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        perPerson[i] =
            static_cast<int>(static_cast<std::int64_t>(options.contacts) * weights[i] / totalWeight);
        given += perPerson[i];
    }
    for (std::size_t i = 0; given < options.contacts; i = (i + 1) % perPerson.size(), ++given)
        ++perPerson[i];

    for (int i = 0; i < options.youngPeople; ++i) {
        // Each young person has their own stream, so that one's size never shifts another's records.
        // Seeds are hashed: splitmix64 walks one cycle, so plain seed arithmetic would give overlapping
        // streams (and the same record ids) for nearby seeds.
        DemoRandom rng(mixSeed(mixSeed(options.seed) + static_cast<std::uint64_t>(i) + 1));
        rng.next();
        YoungPersonPlan plan = planYoungPerson(rng, today, perPerson[static_cast<std::size_t>(i)]);
        DemoSummary one;
        Status st = store.transaction([&] { return writeYoungPerson(store, rng, plan, today, nowMs, one); });
        if (!st) return st;
        summary.youngPeople += one.youngPeople;
        summary.placements += one.placements;
        summary.networkMembers += one.networkMembers;
        summary.contacts += one.contacts;
        summary.actions += one.actions;
        summary.missingEpisodes += one.missingEpisodes;
    }
    return Status::success();
}

} // namespace throughline::core
