#pragma once
// Enums of the practice, each with a stable storage key and a plain-English display name.
#include "throughline/base/enum_table.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace throughline::core {

/// The three relational tracks.
enum class Track : std::uint8_t { Practitioner, Family, PeerCommunity };
/// Where a relationship lives.
enum class Place : std::uint8_t { HomeArea, PlacementArea, Online };
/// How protective a relationship is, in someone's view.
enum class View : std::uint8_t { NotKnown, Protective, Uncertain, Harmful };
/// What contact is allowed.
enum class Arrangement : std::uint8_t { Encouraged, Supervised, Restricted, NoContact };
/// Role of a network member; grouped by the track it usually belongs to.
enum class Role : std::uint8_t {
    SocialWorker,
    KeyWorker,
    FosterCarer,
    ResidentialStaff,
    YouthWorker,
    Teacher,
    PersonalAdviser,
    Police,
    HealthWorker,
    OtherPractitioner,
    Parent,
    StepParent,
    Sibling,
    Grandparent,
    AuntUncle,
    Cousin,
    WiderFamily,
    Friend,
    Partner,
    PeerGroup,
    School,
    Club,
    FaithGroup,
    NeighbourhoodPlace,
    Mentor,
    Employer,
    OtherCommunity
};
/// DfE SSDA903 placement codes with plain names.
enum class PlacementType : std::uint8_t {
    U1,
    U2,
    U3,
    U4,
    U5,
    U6,
    K1,
    K2,
    K3,
    H5,
    R1,
    R2,
    R3,
    R5,
    P1,
    P2,
    S1,
    T0,
    Z1
};
/// Kinds of extra-familial harm behind a relocation (bit flags).
enum class Harm : std::uint32_t {
    CriminalExploitation = 1u << 0,
    CountyLines = 1u << 1,
    SexualExploitation = 1u << 2,
    Trafficking = 1u << 3,
    OnlineHarm = 1u << 4,
    PeerViolence = 1u << 5,
    Radicalisation = 1u << 6,
    Other = 1u << 7
};
enum class ContactKind : std::uint8_t {
    PractitionerVisit,
    FamilyTime,
    PeerContact,
    CommunityActivity,
    PhoneOrVideo,
    Messages
};
enum class ContactStatus : std::uint8_t { Happened, Cancelled, Declined, DidNotAttend };
/// Who cancelled a contact (only when status is Cancelled).
enum class CancelledBy : std::uint8_t { NotRecorded, YoungPerson, Family, Carer, Practitioner, Other };
/// How it went: a simple five-point scale; NotRated when left empty.
enum class Rating : std::uint8_t { NotRated, VeryDifficult, Difficult, Mixed, Good, VeryGood };
/// What a relationship did for the young person in a contact (bit flags).
enum class Use : std::uint32_t { Consistency = 1u << 0, Collaboration = 1u << 1, Safety = 1u << 2 };
/// Concern flags on a contact (bit flags).
enum class Concern : std::uint32_t {
    WentMissingAfter = 1u << 0,
    PersonOfConcern = 1u << 1,
    Injury = 1u << 2,
    MoneyOrItems = 1u << 3,
    Other = 1u << 4
};
/// SSDA903 distinction: missing (M) or away from placement without authorisation (A).
enum class MissingKind : std::uint8_t { Missing, Away };
/// The plan for ending a relocation: back to the home area, or settling where placed.
enum class EndingPlan : std::uint8_t { NotDecided, ReturnHome, SettleWherePlaced };

TL_DECLARE_ENUM_TABLE(Track);
TL_DECLARE_ENUM_TABLE(Place);
TL_DECLARE_ENUM_TABLE(View);
TL_DECLARE_ENUM_TABLE(Arrangement);
TL_DECLARE_ENUM_TABLE(Role);
TL_DECLARE_ENUM_TABLE(PlacementType);
TL_DECLARE_ENUM_TABLE(Harm);
TL_DECLARE_ENUM_TABLE(ContactKind);
TL_DECLARE_ENUM_TABLE(ContactStatus);
TL_DECLARE_ENUM_TABLE(CancelledBy);
TL_DECLARE_ENUM_TABLE(Rating);
TL_DECLARE_ENUM_TABLE(Use);
TL_DECLARE_ENUM_TABLE(Concern);
TL_DECLARE_ENUM_TABLE(MissingKind);
TL_DECLARE_ENUM_TABLE(EndingPlan);

/// The track a role normally sits on (a default for the editor; members may differ).
Track defaultTrackFor(Role role);
/// The SSDA903 code itself, e.g. "U4".
inline std::string_view placementCode(PlacementType t) {
    return enumKey(t);
}

/// Flag sets stored as comma-separated keys ("consistency,safety").
template <class E> bool hasFlag(std::uint32_t set, E flag) {
    return (set & static_cast<std::uint32_t>(flag)) != 0;
}
template <class E> std::uint32_t withFlag(std::uint32_t set, E flag, bool on) {
    return on ? (set | static_cast<std::uint32_t>(flag)) : (set & ~static_cast<std::uint32_t>(flag));
}

} // namespace throughline::core
