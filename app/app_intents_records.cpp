// The navigator, part 3: intents of the record screens (people, home, record, detail, editors).
#include "app/app.hpp"

#include "app/app_internal.hpp"
#include "app/forms.hpp"
#include "app/widgets.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <algorithm>
#include <cstring>

namespace throughline::app {

void App::apply(const PeopleIntent& i) {
    using K = PeopleIntent::Kind;
    switch (i.kind) {
    case K::Open:
        selectYoungPerson(i.id);
        resetTo(Screen::People);
        go(Screen::Home);
        break;
    case K::Add: {
        m_person.load(core::YoungPerson{});
        go(Screen::PersonEditor);
        break;
    }
    case K::SearchChanged:
        m_peopleDirty = true;
        break;
    case K::ResumeDraft:
        if (m_draftOffer) {
            selectYoungPerson(m_draftOffer->youngPersonId);
            m_record = RecordState{};
            m_record.form = std::move(*m_draftOffer);
            m_draftOffer.reset();
            refresh();
            resetTo(Screen::People);
            go(Screen::Home);
            go(Screen::Record);
        }
        break;
    case K::DiscardDraft:
        if (m_draftOffer) m_draftOffer->wipe();
        m_draftOffer.reset();
        (void)store().clearDraft(kRecordDraftKey);
        break;
    default:
        break;
    }
}

void App::startRecord(const std::string& yp) {
    selectYoungPerson(yp);
    if (m_record.form.youngPersonId != yp || !m_record.form.editingId.empty()) {
        m_record = RecordState{};
        m_record.form = RecordForm::fresh(yp, today(), core::TimeOfDay::now());
    }
    if (m_stack.back() != Screen::Record) go(Screen::Record);
}

void App::apply(const HomeIntent& i) {
    using K = HomeIntent::Kind;
    if (!m_home) return;
    switch (i.kind) {
    case K::Present:
        startPresentation();
        break;
    case K::OpenSafetyPlan:
        openSafetyPlan();
        break;
    case K::OpenEvidence:
        if (i.evidenceKind == GapEvidence::Kind::Contact || i.evidenceKind == GapEvidence::Kind::Action)
            openContact(i.id);
        else if (i.evidenceKind == GapEvidence::Kind::Member)
            openMember(i.id);
        else if (i.evidenceKind == GapEvidence::Kind::MissingEpisode)
            openMissing(i.id);
        break;
    case K::Back:
        back();
        break;
    case K::RevealLocation: {
        if (!m_home->currentPlacement) break;
        // Core hands out the location only once the audit entry is written.
        auto loc = m_vault->revealLocation(m_home->currentPlacement->meta.id,
                                           "Placement location shown on the young person screen");
        if (loc)
            m_homeState.revealedLocation = std::move(loc.value());
        else
            m_loadError = "The location stays hidden: " + loc.error().message;
        break;
    }
    case K::HideLocation:
        wipeLocation(m_homeState.revealedLocation);
        break;
    case K::OpenContact:
        openContact(i.id);
        break;
    case K::OpenMember:
        openMember(i.id);
        break;
    case K::AddMember:
        newMember(false);
        break;
    case K::EditPlacement:
        openPlacement(false);
        break;
    case K::AddPlacement:
        openPlacement(true);
        break;
    case K::OpenMissing:
        openMissing(i.id);
        break;
    case K::AddMissing:
        openMissing({});
        break;
    case K::RecordContact:
        startRecord(m_selectedYp);
        break;
    case K::ToggleAction:
        toggleAction(i.id);
        break;
    case K::EditPerson:
        m_person.load(m_home->person);
        go(Screen::PersonEditor);
        break;
    case K::OpenNetwork:
        resetTo(Screen::Network);
        break;
    default:
        break;
    }
}

void App::openContact(const std::string& id) {
    m_contactId = id;
    m_contactDirty = true;
    m_contactState = {};
    refresh();
    if (m_contact) go(Screen::ContactDetail);
}

void App::openMember(const std::string& id) {
    auto r = store().networkMember(id);
    if (!r) {
        m_loadError = friendlyError(r.error());
        return;
    }
    m_member.load(*r);
    m_memberForRecord = false;
    go(Screen::MemberEditor);
}

void App::newMember(bool forRecord) {
    core::NetworkMember m;
    m.youngPersonId = m_selectedYp;
    m.track = core::defaultTrackFor(m.role);
    m_member.load(m);
    m_memberForRecord = forRecord;
    go(Screen::MemberEditor);
}

void App::openPlacement(bool createNew) {
    core::Placement p;
    if (!createNew && m_home && m_home->currentPlacement) {
        p = *m_home->currentPlacement;
    } else {
        p.youngPersonId = m_selectedYp;
        p.start = today();
    }
    m_placement.load(p);
    go(Screen::PlacementEditor);
}

void App::openMissing(const std::string& id) {
    core::MissingEpisode e;
    if (!id.empty()) {
        auto r = store().missingEpisode(id);
        if (!r) {
            m_loadError = friendlyError(r.error());
            return;
        }
        e = *r;
    } else {
        e.youngPersonId = m_selectedYp;
    }
    m_missing.load(e, today(), core::TimeOfDay::now());
    go(Screen::MissingEpisode);
}

void App::toggleAction(const std::string& id) {
    auto r = store().action(id);
    if (!r) {
        m_loadError = friendlyError(r.error());
        return;
    }
    core::FollowUpAction a = *r;
    a.done = !a.done;
    auto s = store().save(a);
    if (!s)
        m_loadError = friendlyError(s.error());
    else
        showToast(a.done ? "Action done" : "Action reopened");
    invalidate();
}

void App::finishRecord(const char* toastText) {
    (void)store().clearDraft(kRecordDraftKey);
    m_record.form.wipe();
    m_record = RecordState{};
    m_draftDirty = false;
    invalidate();
    resetTo(Screen::People);
    if (!m_selectedYp.empty()) go(Screen::Home);
    if (toastText) showToast(toastText);
}

void App::saveRecord() {
    RecordForm& f = m_record.form;
    m_record.error.clear();
    core::ContactRecord c;
    if (!f.editingId.empty()) {
        auto r = store().contact(f.editingId);
        if (!r) {
            m_record.error.set(r.error());
            return;
        }
        c = *r;
    }
    auto typed = m_record.toRecord(std::move(c), today());
    if (!typed) {
        if (m_record.error.field == "date" || m_record.error.field == "start_time") m_record.editWhen = true;
        return;
    }
    c = std::move(*typed);
    const std::string owner = m_vault->owner().name;
    auto st = store().transaction([&]() -> core::Status {
        auto saved = store().save(c);
        if (!saved) return saved.error();
        for (const auto& text : f.newActions) {
            core::FollowUpAction a;
            a.youngPersonId = f.youngPersonId;
            a.contactId = *saved;
            a.description = text;
            a.owner = owner;
            auto sa = store().save(a);
            if (!sa) return sa.error();
        }
        return core::Status::success();
    });
    if (!st) {
        m_record.error.set(st.error());
        if (m_record.error.message.empty()) m_record.error.message = "The record could not be saved.";
        return;
    }
    finishRecord(f.editingId.empty() ? "Record saved" : "Changes saved");
}

void App::apply(const RecordIntent& i) {
    using K = RecordIntent::Kind;
    if (i.changed) {
        m_draftDirty = true;
        m_record.draftSaved = false;
    }
    switch (i.kind) {
    case K::Save:
        saveRecord();
        break;
    case K::Cancel:
        if (m_record.form.isEmpty() || !m_record.form.editingId.empty()) {
            if (!m_record.form.editingId.empty()) {
                m_record.form.wipe();
                m_record = RecordState{};
                (void)store().clearDraft(kRecordDraftKey);
                back();
            } else {
                finishRecord(nullptr);
            }
        } else {
            m_record.confirmDiscard = true;
        }
        break;
    case K::Discard:
        finishRecord("Record discarded");
        break;
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Contact, m_record.form.editingId);
        if (!st) {
            m_record.error.set(st.error());
            break;
        }
        finishRecord("Record deleted");
        break;
    }
    case K::AddPerson:
        newMember(true);
        break;
    default:
        break;
    }
}

void App::apply(const ContactDetailIntent& i) {
    using K = ContactDetailIntent::Kind;
    switch (i.kind) {
    case K::Back:
        back();
        break;
    case K::Edit:
        if (m_contact) {
            m_record = RecordState{};
            m_record.form = RecordForm::fromContact(*m_contact);
            m_record.editWhen = true;
            go(Screen::Record);
        }
        break;
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Contact, m_contactId);
        if (!st) {
            m_loadError = friendlyError(st.error());
            break;
        }
        m_contact.reset();
        m_contactId.clear();
        invalidate();
        back();
        showToast("Record deleted");
        break;
    }
    case K::ToggleAction:
        toggleAction(i.id);
        break;
    default:
        break;
    }
}

void App::apply(const NetworkIntent& i) {
    using K = NetworkIntent::Kind;
    switch (i.kind) {
    case K::Open:
        openMember(i.id);
        break;
    case K::Add:
        newMember(false);
        break;
    case K::Select:
        selectOnMap(i.id);
        break;
    case K::OpenContact:
        openContact(i.id);
        break;
    case K::RecordWith: {
        const std::string memberId = i.id;
        startRecord(m_selectedYp);
        auto& ids = m_record.form.participantIds;
        if (std::find(ids.begin(), ids.end(), memberId) == ids.end()) ids.push_back(memberId);
        break;
    }
    default:
        break;
    }
}

void App::apply(const MemberEditorIntent& i) {
    using K = MemberEditorIntent::Kind;
    const core::Date t = today();
    if (i.kind == K::Back) {
        back();
    } else if (i.kind == K::Save) {
        auto m = m_member.toRecord(t);
        if (!m) return;
        const bool isNew = m->meta.id.empty();
        auto r = store().save(*m);
        if (!r) {
            m_member.error.set(r.error());
            return;
        }
        if (m_memberForRecord && isNew) m_record.form.participantIds.push_back(*r);
        m_memberForRecord = false;
        invalidate();
        back();
        showToast(isNew ? "Added to the network" : "Changes saved");
    } else if (i.kind == K::Delete) {
        auto st = store().remove(core::RecordKind::NetworkMember, m_member.member.meta.id);
        if (!st) {
            m_member.error.set(st.error());
            return;
        }
        invalidate();
        back();
        showToast("Removed from the network");
    }
}

void App::apply(const PlacementEditorIntent& i) {
    using K = PlacementEditorIntent::Kind;
    const core::Date t = today();
    core::Placement& p = m_placement.placement;
    switch (i.kind) {
    case K::Back:
        m_placement.wipe();
        back();
        break;
    case K::RevealLocation: {
        // Core hands out the stored location only once its audit entry is written; until then the editor
        // holds none, and a save keeps the stored one.
        auto loc = m_vault->revealLocation(p.meta.id, "Placement location shown for editing");
        if (!loc) {
            m_placement.error = {"The location stays hidden: " + loc.error().message, ""};
            break;
        }
        p.locationAddress = std::move(loc->address);
        p.locationName = std::move(loc->name);
        core::wipeString(loc->address);
        core::wipeString(loc->name);
        p.locationWithheld = false;
        m_placement.locationShown = true;
        break;
    }
    case K::Save: {
        auto saved = m_placement.toRecord(t);
        if (!saved) return;
        const bool isNew = saved->meta.id.empty();
        auto r = store().save(*saved);
        core::wipeString(saved->locationAddress);
        core::wipeString(saved->locationName);
        if (!r) {
            m_placement.error.set(r.error());
            return;
        }
        m_placement.wipe();
        invalidate();
        wipeLocation(m_homeState.revealedLocation);
        back();
        showToast(isNew ? "Placement added" : "Changes saved");
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Placement, p.meta.id);
        if (!st) {
            m_placement.error.set(st.error());
            return;
        }
        invalidate();
        back();
        showToast("Placement deleted");
        break;
    }
    default:
        break;
    }
}

void App::apply(const MissingEpisodeIntent& i) {
    using K = MissingEpisodeIntent::Kind;
    switch (i.kind) {
    case K::Back:
        back();
        break;
    case K::Save: {
        auto e = m_missing.toRecord(today());
        if (!e) return;
        const bool isNew = e->meta.id.empty();
        auto r = store().save(*e);
        if (!r) {
            m_missing.error.set(r.error());
            return;
        }
        invalidate();
        back();
        showToast(isNew ? "Episode recorded" : "Changes saved");
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::MissingEpisode, m_missing.episode.meta.id);
        if (!st) {
            m_missing.error.set(st.error());
            return;
        }
        invalidate();
        back();
        showToast("Episode deleted");
        break;
    }
    default:
        break;
    }
}

void App::apply(const PersonEditorIntent& i) {
    using K = PersonEditorIntent::Kind;
    switch (i.kind) {
    case K::Back:
        back();
        break;
    case K::Save: {
        auto p = m_person.toRecord(today());
        if (!p) return;
        const bool isNew = p->meta.id.empty();
        auto r = store().save(*p);
        if (!r) {
            m_person.error.set(r.error());
            return;
        }
        invalidate();
        if (isNew) {
            selectYoungPerson(*r);
            resetTo(Screen::People);
            go(Screen::Home);
            showToast("Young person added");
        } else {
            back();
            showToast("Changes saved");
        }
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::YoungPerson, m_person.person.meta.id);
        if (!st) {
            m_person.error.set(st.error());
            return;
        }
        m_selectedYp.clear();
        invalidate();
        resetTo(Screen::People);
        showToast("Young person removed");
        break;
    }
    default:
        break;
    }
}

void App::startPresentation() {
    core::HandoverRequest req;
    req.youngPersonId = m_selectedYp;
    req.today = today();
    auto input = core::loadHandoverInput(*m_vault, req);
    if (!input) {
        m_loadError = friendlyError(input.error());
        return;
    }
    // Presentation never includes the location: it is shown on a shared screen.
    auto summary = core::redact(core::buildHandoverSummary(*input), core::RedactionOptions{});
    if (!summary) {
        m_loadError = friendlyError(summary.error());
        return;
    }
    m_presentation = std::move(summary.value());
    m_presentState = {};
    go(Screen::Presentation);
}

void App::apply(const PresentationIntent& i) {
    if (i.kind == PresentationIntent::Kind::Close) back();
}

void App::openSafetyPlan() {
    m_safetyPlan.load(m_insightInput ? m_insightInput->safetyPlan : std::nullopt, m_selectedYp);
    go(Screen::SafetyPlan);
}

void App::apply(const SafetyPlanIntent& i) {
    using K = SafetyPlanIntent::Kind;
    if (i.kind == K::Back) {
        m_safetyPlan.wipe();
        back();
        return;
    }
    if (i.kind != K::Save) return;
    auto plan = m_safetyPlan.toRecord(today());
    if (!plan) return;
    auto r = store().save(*plan); // always the next version: earlier ones stay as they were
    if (!r) {
        m_safetyPlan.error.set(r.error());
        return;
    }
    const int version = plan->version;
    m_safetyPlan.wipe();
    invalidate();
    back();
    showToast("Safety plan saved as version " + std::to_string(version));
}

} // namespace throughline::app
