#include "throughline/records/enums.hpp"
#include "throughline/records/records.hpp"
#include "throughline/base/result.hpp"

namespace throughline::core {

TL_DEFINE_ENUM_TABLE(Track, {Track::Practitioner, "practitioner", "Practitioner"},
                     {Track::Family, "family", "Family"},
                     {Track::PeerCommunity, "peer_community", "Peer & community"})

TL_DEFINE_ENUM_TABLE(Place, {Place::HomeArea, "home_area", "Home area"},
                     {Place::PlacementArea, "placement_area", "Placement area"},
                     {Place::Online, "online", "Online"})

TL_DEFINE_ENUM_TABLE(View, {View::NotKnown, "not_known", "Not known"},
                     {View::Protective, "protective", "Protective"},
                     {View::Uncertain, "uncertain", "Uncertain"}, {View::Harmful, "harmful", "Harmful"})

TL_DEFINE_ENUM_TABLE(Arrangement, {Arrangement::Encouraged, "encouraged", "Encouraged"},
                     {Arrangement::Supervised, "supervised", "Supervised"},
                     {Arrangement::Restricted, "restricted", "Restricted"},
                     {Arrangement::NoContact, "no_contact", "No contact"})

TL_DEFINE_ENUM_TABLE(
    Role, {Role::SocialWorker, "social_worker", "Social worker"},
    {Role::KeyWorker, "key_worker", "Key worker"}, {Role::FosterCarer, "foster_carer", "Foster carer"},
    {Role::ResidentialStaff, "residential_staff", "Residential staff"},
    {Role::YouthWorker, "youth_worker", "Youth worker"}, {Role::Teacher, "teacher", "Teacher"},
    {Role::PersonalAdviser, "personal_adviser", "Personal adviser"},
    {Role::Police, "police", "Police officer"}, {Role::HealthWorker, "health_worker", "Health worker"},
    {Role::OtherPractitioner, "other_practitioner", "Other practitioner"}, {Role::Parent, "parent", "Parent"},
    {Role::StepParent, "step_parent", "Step-parent"}, {Role::Sibling, "sibling", "Sibling"},
    {Role::Grandparent, "grandparent", "Grandparent"}, {Role::AuntUncle, "aunt_uncle", "Aunt or uncle"},
    {Role::Cousin, "cousin", "Cousin"}, {Role::WiderFamily, "wider_family", "Wider family"},
    {Role::Friend, "friend", "Friend"}, {Role::Partner, "partner", "Partner"},
    {Role::PeerGroup, "peer_group", "Peer group"}, {Role::School, "school", "School or college"},
    {Role::Club, "club", "Club or team"}, {Role::FaithGroup, "faith_group", "Faith group"},
    {Role::NeighbourhoodPlace, "neighbourhood_place", "Neighbourhood place"},
    {Role::Mentor, "mentor", "Mentor"}, {Role::Employer, "employer", "Employer or training"},
    {Role::OtherCommunity, "other_community", "Other community"})

TL_DEFINE_ENUM_TABLE(
    PlacementType, {PlacementType::U1, "U1", "Foster placement with a relative or friend (long-term)"},
    {PlacementType::U2, "U2", "Foster placement with a relative or friend (fostering for adoption)"},
    {PlacementType::U3, "U3", "Foster placement with a relative or friend"},
    {PlacementType::U4, "U4", "Foster placement with another carer (long-term)"},
    {PlacementType::U5, "U5", "Foster placement with another carer (fostering for adoption)"},
    {PlacementType::U6, "U6", "Foster placement with another carer"},
    {PlacementType::K1, "K1", "Secure children's home"}, {PlacementType::K2, "K2", "Children's home"},
    {PlacementType::K3, "K3", "Supported accommodation (registered)"},
    {PlacementType::H5, "H5", "Supported accommodation"}, {PlacementType::R1, "R1", "Residential care home"},
    {PlacementType::R2, "R2", "NHS or health trust residential care"},
    {PlacementType::R3, "R3", "Family centre or mother and baby unit"},
    {PlacementType::R5, "R5", "Young offender institution"},
    {PlacementType::P1, "P1", "Placed with parents or others with parental responsibility"},
    {PlacementType::P2, "P2", "Independent living"}, {PlacementType::S1, "S1", "Residential school"},
    {PlacementType::T0, "T0", "Temporary placement"}, {PlacementType::Z1, "Z1", "Other placement"})

TL_DEFINE_ENUM_TABLE(Harm, {Harm::CriminalExploitation, "criminal_exploitation", "Criminal exploitation"},
                     {Harm::CountyLines, "county_lines", "County lines"},
                     {Harm::SexualExploitation, "sexual_exploitation", "Sexual exploitation"},
                     {Harm::Trafficking, "trafficking", "Trafficking"},
                     {Harm::OnlineHarm, "online_harm", "Online harm"},
                     {Harm::PeerViolence, "peer_violence", "Peer violence"},
                     {Harm::Radicalisation, "radicalisation", "Radicalisation"},
                     {Harm::Other, "other", "Other harm"})

TL_DEFINE_ENUM_TABLE(ContactKind,
                     {ContactKind::PractitionerVisit, "practitioner_visit", "Practitioner visit"},
                     {ContactKind::FamilyTime, "family_time", "Family time"},
                     {ContactKind::PeerContact, "peer_contact", "Peer contact"},
                     {ContactKind::CommunityActivity, "community_activity", "Community activity"},
                     {ContactKind::PhoneOrVideo, "phone_video", "Phone or video call"},
                     {ContactKind::Messages, "messages", "Messages"})

TL_DEFINE_ENUM_TABLE(ContactStatus, {ContactStatus::Happened, "happened", "Happened"},
                     {ContactStatus::Cancelled, "cancelled", "Cancelled"},
                     {ContactStatus::Declined, "declined", "Young person declined"},
                     {ContactStatus::DidNotAttend, "did_not_attend", "Did not attend"})

TL_DEFINE_ENUM_TABLE(CancelledBy, {CancelledBy::NotRecorded, "not_recorded", "Not recorded"},
                     {CancelledBy::YoungPerson, "young_person", "Young person"},
                     {CancelledBy::Family, "family", "Family"},
                     {CancelledBy::Carer, "carer", "Carer or placement"},
                     {CancelledBy::Practitioner, "practitioner", "Practitioner"},
                     {CancelledBy::Other, "other", "Someone else"})

TL_DEFINE_ENUM_TABLE(Rating, {Rating::NotRated, "not_rated", "Not rated"},
                     {Rating::VeryDifficult, "very_difficult", "Very difficult"},
                     {Rating::Difficult, "difficult", "Difficult"}, {Rating::Mixed, "mixed", "Mixed"},
                     {Rating::Good, "good", "Good"}, {Rating::VeryGood, "very_good", "Very good"})

TL_DEFINE_ENUM_TABLE(Use, {Use::Consistency, "consistency", "Consistency"},
                     {Use::Collaboration, "collaboration", "Collaboration"},
                     {Use::Safety, "safety", "Safety"})

TL_DEFINE_ENUM_TABLE(Concern, {Concern::WentMissingAfter, "went_missing_after", "Went missing afterwards"},
                     {Concern::PersonOfConcern, "person_of_concern", "Contact with a person of concern"},
                     {Concern::Injury, "injury", "Injury"},
                     {Concern::MoneyOrItems, "money_or_items", "Unexplained money or items"},
                     {Concern::Other, "other", "Other concern"})

TL_DEFINE_ENUM_TABLE(EndingPlan, {EndingPlan::NotDecided, "not_decided", "Not decided yet"},
                     {EndingPlan::ReturnHome, "return_home", "Return to the home area"},
                     {EndingPlan::SettleWherePlaced, "settle", "Settle where placed"})

TL_DEFINE_ENUM_TABLE(MissingKind, {MissingKind::Missing, "missing", "Missing from placement"},
                     {MissingKind::Away, "away", "Away without authorisation"})

TL_DEFINE_ENUM_TABLE(RecordKind, {RecordKind::YoungPerson, "young_person", "Young person"},
                     {RecordKind::Placement, "placement", "Placement"},
                     {RecordKind::NetworkMember, "network_member", "Network member"},
                     {RecordKind::Contact, "contact", "Contact"},
                     {RecordKind::Action, "action", "Follow-up action"},
                     {RecordKind::MissingEpisode, "missing_episode", "Missing episode"},
                     {RecordKind::SafetyPlan, "safety_plan", "Safety plan"})

Track defaultTrackFor(Role role) {
    switch (role) {
    case Role::SocialWorker:
    case Role::KeyWorker:
    case Role::FosterCarer:
    case Role::ResidentialStaff:
    case Role::YouthWorker:
    case Role::Teacher:
    case Role::PersonalAdviser:
    case Role::Police:
    case Role::HealthWorker:
    case Role::OtherPractitioner:
        return Track::Practitioner;
    case Role::Parent:
    case Role::StepParent:
    case Role::Sibling:
    case Role::Grandparent:
    case Role::AuntUncle:
    case Role::Cousin:
    case Role::WiderFamily:
        return Track::Family;
    default:
        return Track::PeerCommunity;
    }
}

} // namespace throughline::core
