#pragma once
// The screens of the app and their script names (for --screen and the docs).
#include <optional>
#include <string_view>

namespace throughline::app {

enum class Screen {
    Create,
    Unlock,
    Recovery,
    People,
    Home,
    Record,
    ContactDetail,
    Network,
    MemberEditor,
    PlacementEditor,
    MissingEpisode,
    PersonEditor,
    Settings,
    Presentation,
    SafetyPlan,
    PhasePicture,
    Sync,
    SyncContact,
    Conflicts,
    FileChooser,
    SubjectAccess
};

struct ScreenName {
    Screen screen;
    std::string_view name;
    std::string_view description;
};

inline constexpr ScreenName kScreenNames[] = {
    {Screen::Create, "create", "create a vault (passphrase twice, then the recovery key)"},
    {Screen::Unlock, "unlock", "unlock with the passphrase"},
    {Screen::Recovery, "recovery", "unlock with the recovery key, then set a new passphrase"},
    {Screen::People, "people", "young people list with search and quick filters"},
    {Screen::Home, "home", "young person home: placement, network by track, records, actions"},
    {Screen::Record, "record", "record a contact (new)"},
    {Screen::ContactDetail, "contact-detail", "one contact record, with edit and delete"},
    {Screen::Network, "network", "the network map (tap a person), relational timeline, and list by track"},
    {Screen::MemberEditor, "member-editor", "network member editor (first member, or new)"},
    {Screen::PlacementEditor, "placement-editor", "placement editor (current placement, or new)"},
    {Screen::MissingEpisode, "missing-episode", "missing episode editor (first episode, or new)"},
    {Screen::PersonEditor, "person-editor", "young person details editor"},
    {Screen::Settings, "settings", "auto-lock, theme, UI scale, passphrase, lock now"},
    {Screen::SafetyPlan, "safety-plan", "the young person's safety plan (saving writes the next version)"},
    {Screen::PhasePicture, "phase-picture",
     "relationships per phase: track x use before, during and ending the move (the current phase)"},
    {Screen::Presentation, "presentation",
     "handover presentation mode: read-only, large type, location hidden"},
    {Screen::Sync, "sync", "sharing and sync: your card, contacts, import, export, folder sync"},
    {Screen::SyncContact, "sync-contact",
     "one contact: fingerprint, verify, sharing scope, export (the first)"},
    {Screen::Conflicts, "conflicts", "conflicts to settle, grouped by young person"},
    {Screen::FileChooser, "file-chooser", "the in-app file chooser (importing a contact card)"},
    {Screen::SubjectAccess, "subject-access",
     "export everything held about the young person (subject access request): withholding, folder"},
};

inline std::optional<Screen> screenFromName(std::string_view name) {
    for (const auto& s : kScreenNames)
        if (s.name == name) return s.screen;
    return std::nullopt;
}

inline std::string_view screenName(Screen screen) {
    for (const auto& s : kScreenNames)
        if (s.screen == screen) return s.name;
    return "unknown";
}

} // namespace throughline::app
