// The subject access feature: loads what the worker may withhold, opens the folder chooser, exports.
#include "app/features/subject_access.hpp"

#include "app/session.hpp"

#include "throughline/base/enum_table.hpp"

namespace throughline::app {

void SubjectAccessFeature::open(const std::string& ypId) {
    keepDrafts(true); // the screen left open (by switching tabs) is kept before its state is reused
    state.wipe();
    auto& store = m_s.store();
    auto person = store.youngPerson(ypId);
    if (!person) {
        m_s.host().toast(friendlyError(person.error()));
        return;
    }
    state.youngPersonId = ypId;
    state.personName = person->shownName();
    state.recipient = person->name;
    if (auto members = store.network(ypId))
        for (const auto& m : *members) {
            ThirdPartyChoice c;
            c.id = m.meta.id;
            c.label = m.name + " (" + std::string(enumDisplay(m.role)) + ")";
            c.practitioner = m.track == core::Track::Practitioner;
            state.people.push_back(std::move(c));
            state.records.push_back({m.meta.id, "Network member: " + m.name});
        }
    if (auto placements = store.placements(ypId))
        for (const auto& p : *placements)
            state.records.push_back(
                {p.meta.id, "Placement from " + p.start.display() + " (" + p.placementArea + ")"});
    if (auto contacts = store.contacts(ypId))
        for (const auto& c : *contacts)
            state.records.push_back({c.meta.id, std::string(enumDisplay(c.kind)) + ", " + c.date.display()});
    if (auto episodes = store.missingEpisodes(ypId))
        for (const auto& e : *episodes)
            state.records.push_back({e.meta.id, std::string(enumDisplay(e.kind)) + " from " +
                                                    core::dateOfInstant(e.startedAt).display()});
    if (auto actions = store.actions(ypId, false))
        for (const auto& a : *actions)
            state.records.push_back({a.meta.id, "Action: " + a.description});
    if (auto plans = store.safetyPlanVersions(ypId))
        for (const auto& p : *plans)
            state.records.push_back({p.meta.id, "Safety plan, version " + std::to_string(p.version)});
    draft.open(store, "editor.subject-access." + ypId, state.draftFields());
    m_s.host().go(Screen::SubjectAccess);
}

void SubjectAccessFeature::left(Screen s) {
    if (s != Screen::SubjectAccess) return;
    draft.close(m_s.store()); // as its Back button does: what was typed goes with its draft
    state.wipe();
}

void SubjectAccessFeature::keepDrafts(bool force) {
    const Host& host = m_s.host();
    draft.keep(
        m_s.store(), [&] { return state.draftFields(); }, host.now(), host.options().draftIntervalSeconds,
        force);
}

void SubjectAccessFeature::folderChosen(const std::filesystem::path& folder) {
    state.folder = folder.string();
    state.error.clear();
}

void SubjectAccessFeature::show(Screen s, bool) {
    if (s == Screen::SubjectAccess)
        apply(drawWithDraft(
            draft, m_s.store(), [&](const DraftFields& f) { state.restoreDraft(f); },
            [&] { return drawSubjectAccess(state); }));
}

void SubjectAccessFeature::apply(const SubjectAccessIntent& i) {
    using K = SubjectAccessIntent::Kind;
    switch (i.kind) {
    case K::Back:
        m_s.host().back();
        break;
    case K::ChooseFolder:
        m_s.sync.openChooser(ChooserPurpose::SubjectAccessFolder, ChooserMode::Folder,
                             "Choose a folder for the export",
                             "A new or empty folder: the PDF and the JSON file are written into it.", {});
        break;
    case K::Export: {
        state.error.clear();
        state.outcome.clear();
        if (state.folder.empty()) {
            state.error = "Choose a folder to write the export to.";
            break;
        }
        core::SubjectAccessRequest r;
        r.youngPersonId = state.youngPersonId;
        r.recipient = state.recipient;
        r.includeLocation = state.includeLocation;
        r.withhold = state.withholdings();
        r.withholdReason = state.reason;
        r.force = state.replaceFiles;
        auto done = core::exportSubjectAccess(m_s.vault(), r, state.folder);
        if (!done) {
            state.error = friendlyError(done.error());
            break;
        }
        m_s.changed(); // the audit trail moved
        // Exported as typed: the draft goes (as an editor's does on Save); what is typed next keeps a new
        // one.
        draft.close(m_s.store());
        draft.open(m_s.store(), "editor.subject-access." + state.youngPersonId, state.draftFields());
        state.outcome = "Written to " + state.folder + ": " + std::to_string(done->records) + " records, " +
                        std::to_string(done->changes) + " changes, " + std::to_string(done->auditEntries) +
                        " audit entries" +
                        (done->withheld ? "; " + std::to_string(done->withheld) + " withholding(s) listed"
                                        : "; nothing withheld") +
                        ". The export is recorded in the audit trail.";
        m_s.host().toast("Subject access export written");
        break;
    }
    default:
        break;
    }
}

} // namespace throughline::app
