// The records feature: loading what the record screens show, drawing them and applying their intents.
#include "app/features/records.hpp"

#include "app/app_internal.hpp"
#include "app/forms.hpp"
#include "app/session.hpp"
#include "app/widgets.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace throughline::app {

namespace {

// Each gap with its evidence records turned into rows (names, dates, kinds) once, not per frame.
std::vector<GapCard> gapCards(const core::Insight& insight, const core::InsightInput& in) {
    std::map<std::string, std::string> names;
    for (const auto& m : in.members)
        names[m.meta.id] = m.name;
    std::vector<GapCard> out;
    for (const auto& gap : insight.gaps) {
        GapCard card{gap, {}, {}};
        if (auto it = names.find(gap.memberId); !gap.memberId.empty() && it != names.end())
            card.about = it->second;
        else if (gap.track)
            card.about = std::string(core::enumDisplay(*gap.track));
        for (const auto& id : gap.evidenceIds) {
            GapEvidence e;
            e.id = id;
            for (const auto& c : in.contacts)
                if (c.meta.id == id) {
                    e.kind = GapEvidence::Kind::Contact;
                    e.title = std::string(core::enumDisplay(c.kind)) + " \xC2\xB7 " + c.date.display();
                    e.subtitle = std::string(core::enumDisplay(c.status));
                    for (const auto& p : c.participantIds)
                        if (auto it = names.find(p); it != names.end())
                            e.subtitle += " \xC2\xB7 " + it->second;
                }
            for (const auto& m : in.members)
                if (m.meta.id == id) {
                    e.kind = GapEvidence::Kind::Member;
                    e.title = m.name;
                    e.subtitle = std::string(core::enumDisplay(m.role)) + " \xC2\xB7 " +
                                 std::string(core::enumDisplay(m.place));
                }
            for (const auto& a : in.actions)
                if (a.meta.id == id) {
                    e.kind = GapEvidence::Kind::Action;
                    e.title = a.description;
                    e.subtitle = a.owner + (a.due ? " \xC2\xB7 due " + a.due->display() : std::string());
                    if (!a.contactId.empty())
                        e.id = a.contactId; // opens the contact it came from
                    else
                        e.kind = GapEvidence::Kind::Other;
                }
            for (const auto& m : in.missingEpisodes)
                if (m.meta.id == id) {
                    e.kind = GapEvidence::Kind::MissingEpisode;
                    e.title = std::string(core::enumDisplay(m.kind));
                    e.subtitle = "From " + core::isoInstant(m.startedAt).substr(0, 10);
                }
            if (e.title.empty()) continue; // e.g. a placement or safety plan: shown in its own card
            card.evidence.push_back(std::move(e));
        }
        out.push_back(std::move(card));
    }
    return out;
}

} // namespace

core::Store& RecordsFeature::store() {
    return m_s.store();
}
Host& RecordsFeature::host() {
    return m_s.host();
}

bool RecordsFeature::owns(Screen s) const {
    switch (s) {
    case Screen::People:
    case Screen::Home:
    case Screen::Record:
    case Screen::ContactDetail:
    case Screen::PlacementEditor:
    case Screen::MissingEpisode:
    case Screen::PersonEditor:
    case Screen::SafetyPlan:
        return true;
    default:
        return false;
    }
}

bool RecordsFeature::ready(Screen s) const {
    if (s == Screen::Home) return home.has_value();
    if (s == Screen::ContactDetail) return m_contact.has_value();
    return true;
}

void RecordsFeature::wipe() {
    wipeLocation(homeState.revealedLocation);
    record.form.wipe();
    if (draftOffer) draftOffer->wipe();
    placement.wipe();
    safetyPlan.wipe();
}

// ---------------------------------------------------------------- data

void RecordsFeature::selectYoungPerson(const std::string& id) {
    if (id != m_selectedYp) {
        wipeLocation(homeState.revealedLocation);
        m_s.network.youngPersonChanged();
    }
    m_selectedYp = id;
}

void RecordsFeature::refresh() {
    const std::uint64_t now = m_s.changes();
    core::Store& st = store();
    if (!m_peopleAt.current(now, peopleState.search)) {
        m_peopleAt.mark(now, peopleState.search);
        auto r = st.listYoungPeople(peopleState.search);
        if (r) {
            people = std::move(*r);
            if (m_selectedYp.empty() && people.size() == 1 && peopleState.search.empty())
                selectYoungPerson(people.front().id);
        } else {
            m_s.loadError = friendlyError(r.error());
        }
    }
    // The choosers ("Who is this for?") offer everyone, whatever is left in the People screen's search box.
    if (!m_everyoneAt.current(now)) {
        m_everyoneAt.mark(now);
        if (peopleState.search.empty()) {
            everyone = people;
        } else if (auto all = st.listYoungPeople(""); all) {
            everyone = std::move(*all);
        } else {
            m_s.loadError = friendlyError(all.error());
        }
    }
    if (!m_homeAt.current(now, m_selectedYp)) {
        m_homeAt.mark(now, m_selectedYp);
        home.reset();
        if (!m_selectedYp.empty()) {
            auto r = st.loadHome(m_selectedYp);
            if (r)
                home = std::move(*r);
            else
                m_s.loadError = friendlyError(r.error());
        }
        computePicture();
    }
    if (!m_selectedYp.empty() && !m_recordPeopleAt.current(now, m_selectedYp)) {
        m_recordPeopleAt.mark(now, m_selectedYp);
        m_recordView.people.clear();
        auto net = st.network(m_selectedYp);
        auto order = st.recentParticipants(m_selectedYp);
        if (net && order) {
            for (const auto& id : *order)
                for (const auto& m : *net)
                    if (m.meta.id == id) m_recordView.people.push_back(m);
            for (const auto& m : *net) // anyone the ordering missed still shows, after the rest
                if (std::find(order->begin(), order->end(), m.meta.id) == order->end())
                    m_recordView.people.push_back(m);
        } else if (net) {
            m_recordView.people = *net;
        }
        m_recordView.youngPersonName = home ? home->person.shownName() : "";
        if (m_recordView.youngPersonName.empty())
            if (auto yp = st.youngPerson(m_selectedYp)) m_recordView.youngPersonName = yp->shownName();
    }
    if (!m_contactId.empty() && !m_contactAt.current(now, m_contactId)) {
        m_contactAt.mark(now, m_contactId);
        auto r = st.contact(m_contactId);
        if (r) {
            m_contact = std::move(*r);
            m_contactOrigin = m_s.sync.originOf(m_contact->meta);
            auto a = st.actionsForContact(m_contactId);
            m_contactActions = a ? std::move(*a) : std::vector<core::FollowUpAction>{};
        } else {
            m_contact.reset();
            m_s.loadError = friendlyError(r.error());
        }
    }
}

void RecordsFeature::computePicture() {
    insightInput.reset();
    insight.reset();
    map = {};
    timeline = {};
    gapCards.clear();
    if (home) {
        auto input = loadInsightInput(store(), m_selectedYp);
        if (!input) {
            m_s.loadError = friendlyError(input.error());
        } else {
            input->today = host().today();
            insightInput = std::move(*input);
            const core::Period period = core::defaultPeriod(*insightInput);
            insight = core::computeInsight(*insightInput, period);
            timeline = core::computeTimeline(*insightInput, period);
            map = core::layoutNetworkMap(core::mapMembers(*insight, *insightInput), home->person.shownName());
            gapCards = app::gapCards(*insight, *insightInput);
        }
    }
    m_s.network.pictureChanged();
}

// ---------------------------------------------------------------- drawing

void RecordsFeature::showPeoplePane(bool pane) {
    PeopleView v;
    v.people = &people;
    v.today = host().today();
    v.selectedId = m_selectedYp;
    v.pane = pane;
    if (draftOffer) {
        std::string name = "a young person";
        for (const auto& p : people)
            if (p.id == draftOffer->youngPersonId) name = p.shownName();
        v.draftOffer = std::string(core::enumDisplay(draftOffer->kind)) + " for " + name +
                       (draftOffer->dateText.empty() ? "" : ", " + draftOffer->dateText);
    }
    apply(drawPeople(peopleState, v));
}

std::optional<std::string> RecordsFeature::drawChooser(const char* titleText, const char* subtitle) {
    ui::topBar(titleText, false, subtitle);
    ui::beginCard();
    std::optional<std::string> chosen;
    int n = 0;
    for (const auto& p : everyone) {
        if (n++) ui::divider();
        ui::Row row;
        row.title = p.shownName();
        row.avatarName = p.shownName();
        row.subtitle = p.placementArea;
        std::string id = "choose." + p.id;
        if (ui::listRow(id.c_str(), row)) chosen = p.id;
    }
    if (everyone.empty()) ui::muted("No young people yet. Add one from the Young people tab.");
    ui::endCard();
    return chosen;
}

void RecordsFeature::show(Screen s, bool wide) {
    const core::Date t = host().today();
    switch (s) {
    case Screen::People:
        if (wide) {
            if (home) {
                HomeView v{
                    &*home, t, false, insight ? &gapCards : nullptr, currentPlan(), insightInput.has_value()};
                if (insight) v.phases = &insight->phasePicture;
                apply(drawHome(homeState, v));
            } else {
                ui::spacer(80);
                brandMark(72);
                ui::muted("Choose a young person on the left to see their network, placement and records.");
            }
        } else {
            showPeoplePane(false);
        }
        break;
    case Screen::Home:
        if (home) {
            HomeView v{
                &*home, t, !wide, insight ? &gapCards : nullptr, currentPlan(), insightInput.has_value()};
            if (insight) v.phases = &insight->phasePicture;
            apply(drawHome(homeState, v));
        }
        break;
    case Screen::Record:
        if (m_selectedYp.empty()) {
            if (auto id = drawChooser("Record a contact", "Who is this record for?")) startRecord(*id);
            break;
        }
        m_recordView.today = t;
        m_recordView.now = core::TimeOfDay::now();
        apply(drawRecord(record, m_recordView));
        break;
    case Screen::ContactDetail:
        if (m_contact) {
            ContactDetailView v;
            v.contact = &*m_contact;
            v.actions = &m_contactActions;
            v.origin = m_contactOrigin;
            if (home) {
                for (const auto& m : home->network)
                    v.memberNames[m.member.meta.id] = m.member.name;
                v.youngPersonName = home->person.shownName();
            }
            apply(drawContactDetail(contactState, v));
        }
        break;
    case Screen::SafetyPlan: {
        SafetyPlanView sv{insightInput ? &insightInput->members : nullptr,
                          home ? home->person.shownName() : std::string(), t};
        apply(drawWithDraft(
            planDraft, store(), [&](const DraftFields& f) { safetyPlan.restoreDraft(f); },
            [&] { return drawSafetyPlan(safetyPlan, sv); }));
        break;
    }
    case Screen::PlacementEditor:
        apply(drawWithDraft(
            placementDraft, store(),
            [&](const DraftFields& f) {
                // A draft made with the location shown brings it back only through the audited reveal.
                if (!draftValue(f, "_location_shown").empty() && !placement.locationShown)
                    apply(PlacementEditorIntent{PlacementEditorIntent::Kind::RevealLocation});
                placement.restoreDraft(f);
            },
            [&] { return drawPlacementEditor(placement, t); }));
        break;
    case Screen::MissingEpisode:
        apply(drawWithDraft(
            missingDraft, store(), [&](const DraftFields& f) { missing.restoreDraft(f); },
            [&] { return drawMissingEpisode(missing, t); }));
        break;
    case Screen::PersonEditor:
        apply(drawWithDraft(
            personDraft, store(), [&](const DraftFields& f) { person.restoreDraft(f); },
            [&] { return drawPersonEditor(person, t); }));
        break;
    default:
        break;
    }
}

// ---------------------------------------------------------------- drafts

void RecordsFeature::loadDraftOffer() {
    auto draft = store().loadDraft(kRecordDraftKey);
    if (draft && draft->has_value()) {
        // A draft that cannot be read (damaged, or from another format) is not offered; the next draft
        // saved replaces it.
        auto fields = decodeDraft(**draft);
        if (!fields) return;
        RecordForm f = RecordForm::fromFields(*fields);
        if (!f.youngPersonId.empty()) draftOffer = std::move(f);
    }
}

void RecordsFeature::saveDraftNow() {
    if (record.form.youngPersonId.empty() || record.form.isEmpty()) return;
    auto st = store().saveDraft(kRecordDraftKey, encodeDraft(record.form.toFields()));
    if (st) {
        m_draftDirty = false;
        m_lastDraftSave = host().now();
        record.draftSaved = true;
    }
}

void RecordsFeature::maybeSaveDraft() {
    if (m_draftDirty && host().now() - m_lastDraftSave >= host().options().draftIntervalSeconds)
        saveDraftNow();
}

void RecordsFeature::keepDrafts(bool force) {
    if (force)
        saveDraftNow();
    else
        maybeSaveDraft();
    const double now = host().now(), every = host().options().draftIntervalSeconds;
    personDraft.keep(
        store(), [&] { return person.draftFields(); }, now, every, force);
    placementDraft.keep(
        store(), [&] { return placement.draftFields(); }, now, every, force);
    missingDraft.keep(
        store(), [&] { return missing.draftFields(); }, now, every, force);
    planDraft.keep(
        store(), [&] { return safetyPlan.draftFields(); }, now, every, force);
}

void RecordsFeature::left(Screen s) {
    // Going back (Esc) leaves an editor as its Back button does: what was typed is let go, with its draft.
    if (EditorDraft* d = draftOf(s)) d->close(store());
}

EditorDraft* RecordsFeature::draftOf(Screen s) {
    switch (s) {
    case Screen::PersonEditor:
        return &personDraft;
    case Screen::PlacementEditor:
        return &placementDraft;
    case Screen::MissingEpisode:
        return &missingDraft;
    case Screen::SafetyPlan:
        return &planDraft;
    default:
        return nullptr;
    }
}

// ---------------------------------------------------------------- intents

void RecordsFeature::apply(const PeopleIntent& i) {
    using K = PeopleIntent::Kind;
    switch (i.kind) {
    case K::Open:
        selectYoungPerson(i.id);
        host().resetTo(Screen::People);
        host().go(Screen::Home);
        break;
    case K::Add:
        openPerson(true);
        break;
    case K::SearchChanged:
        break; // the list is loaded for the search it shows
    case K::ResumeDraft:
        if (draftOffer) {
            selectYoungPerson(draftOffer->youngPersonId);
            record = RecordState{};
            record.form = std::move(*draftOffer);
            draftOffer.reset();
            m_s.refresh();
            host().resetTo(Screen::People);
            host().go(Screen::Home);
            host().go(Screen::Record);
        }
        break;
    case K::DiscardDraft:
        if (draftOffer) draftOffer->wipe();
        draftOffer.reset();
        (void)store().clearDraft(kRecordDraftKey);
        break;
    default:
        break;
    }
}

void RecordsFeature::startRecord(const std::string& yp) {
    selectYoungPerson(yp);
    if (record.form.youngPersonId != yp || !record.form.editingId.empty()) {
        record = RecordState{};
        record.form = RecordForm::fresh(yp, host().today(), core::TimeOfDay::now());
    }
    if (host().top() != Screen::Record) host().go(Screen::Record);
}

void RecordsFeature::apply(const HomeIntent& i) {
    using K = HomeIntent::Kind;
    if (!home) return;
    switch (i.kind) {
    case K::Present:
        m_s.handover.startPresentation();
        break;
    case K::ExportEverything:
        m_s.subjectAccess.open(home->person.meta.id);
        break;
    case K::OpenSafetyPlan:
        openSafetyPlan();
        break;
    case K::OpenPhasePicture:
        m_s.network.openPhasePicture(i.id.empty() ? -1 : std::clamp(std::atoi(i.id.c_str()), 0, 2));
        break;
    case K::OpenEvidence:
        if (i.evidenceKind == GapEvidence::Kind::Contact || i.evidenceKind == GapEvidence::Kind::Action)
            openContact(i.id);
        else if (i.evidenceKind == GapEvidence::Kind::Member)
            m_s.network.openMember(i.id);
        else if (i.evidenceKind == GapEvidence::Kind::MissingEpisode)
            openMissing(i.id);
        break;
    case K::Back:
        host().back();
        break;
    case K::RevealLocation: {
        if (!home->currentPlacement) break;
        // Core hands out the location only once the audit entry is written.
        auto loc = m_s.vault().revealLocation(home->currentPlacement->meta.id,
                                              "Placement location shown on the young person screen");
        if (loc)
            homeState.revealedLocation = std::move(loc.value());
        else
            m_s.loadError = "The location stays hidden: " + loc.error().message;
        break;
    }
    case K::HideLocation:
        wipeLocation(homeState.revealedLocation);
        break;
    case K::OpenContact:
        openContact(i.id);
        break;
    case K::OpenMember:
        m_s.network.openMember(i.id);
        break;
    case K::AddMember:
        m_s.network.newMember(false);
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
        openPerson(false);
        break;
    case K::OpenNetwork:
        host().resetTo(Screen::Network);
        break;
    default:
        break;
    }
}

void RecordsFeature::openContact(const std::string& id) {
    m_contactId = id;
    m_contactAt.forget();
    contactState = {};
    m_s.refresh();
    if (m_contact) host().go(Screen::ContactDetail);
}

void RecordsFeature::openPerson(bool createNew) {
    keepDrafts(true); // an editor left open (by switching tabs) is kept before its state is reused
    person.load(createNew || !home ? core::YoungPerson{} : home->person);
    personDraft.open(store(),
                     "editor.person." + (person.person.meta.id.empty() ? "new" : person.person.meta.id),
                     person.draftFields());
    host().go(Screen::PersonEditor);
}

void RecordsFeature::openPlacement(bool createNew) {
    keepDrafts(true);
    core::Placement p;
    if (!createNew && home && home->currentPlacement) {
        p = *home->currentPlacement;
    } else {
        p.youngPersonId = m_selectedYp;
        p.start = host().today();
    }
    placement.load(p);
    placementDraft.open(store(),
                        "editor.placement." + (p.meta.id.empty() ? "new." + m_selectedYp : p.meta.id),
                        placement.draftFields());
    host().go(Screen::PlacementEditor);
}

void RecordsFeature::openMissing(const std::string& id) {
    keepDrafts(true);
    core::MissingEpisode e;
    if (!id.empty()) {
        auto r = store().missingEpisode(id);
        if (!r) {
            m_s.loadError = friendlyError(r.error());
            return;
        }
        e = *r;
    } else {
        e.youngPersonId = m_selectedYp;
    }
    missing.load(e, host().today(), core::TimeOfDay::now());
    missingDraft.open(store(), "editor.missing." + (e.meta.id.empty() ? "new." + m_selectedYp : e.meta.id),
                      missing.draftFields());
    host().go(Screen::MissingEpisode);
}

void RecordsFeature::toggleAction(const std::string& id) {
    auto r = store().action(id);
    if (!r) {
        m_s.loadError = friendlyError(r.error());
        return;
    }
    core::FollowUpAction a = *r;
    a.done = !a.done;
    auto s = store().save(a);
    if (!s)
        m_s.loadError = friendlyError(s.error());
    else
        host().toast(a.done ? "Action done" : "Action reopened");
    m_s.changed();
}

void RecordsFeature::finishRecord(const char* toastText) {
    (void)store().clearDraft(kRecordDraftKey);
    record.form.wipe();
    record = RecordState{};
    m_draftDirty = false;
    m_s.changed();
    host().resetTo(Screen::People);
    if (!m_selectedYp.empty()) host().go(Screen::Home);
    if (toastText) host().toast(toastText);
}

void RecordsFeature::saveRecord() {
    RecordForm& f = record.form;
    record.error.clear();
    core::ContactRecord stored;
    if (!f.editingId.empty()) {
        auto r = store().contact(f.editingId);
        if (!r) {
            record.error.set(r.error());
            return;
        }
        stored = *r;
    }
    auto c = record.toRecord(std::move(stored), host().today());
    if (!c) {
        if (record.error.field == "date" || record.error.field == "start_time") record.editWhen = true;
        return;
    }
    const std::string owner = m_s.vault().owner().name;
    auto st = store().transaction([&]() -> core::Status {
        auto saved = store().save(*c);
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
        record.error.set(st.error());
        if (record.error.message.empty()) record.error.message = "The record could not be saved.";
        return;
    }
    finishRecord(f.editingId.empty() ? "Record saved" : "Changes saved");
}

void RecordsFeature::apply(const RecordIntent& i) {
    using K = RecordIntent::Kind;
    if (i.changed) {
        m_draftDirty = true;
        record.draftSaved = false;
    }
    switch (i.kind) {
    case K::Save:
        saveRecord();
        break;
    case K::Cancel:
        if (record.form.isEmpty() || !record.form.editingId.empty()) {
            if (!record.form.editingId.empty()) {
                record.form.wipe();
                record = RecordState{};
                (void)store().clearDraft(kRecordDraftKey);
                host().back();
            } else {
                finishRecord(nullptr);
            }
        } else {
            record.confirmDiscard = true;
        }
        break;
    case K::Discard:
        finishRecord("Record discarded");
        break;
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Contact, record.form.editingId);
        if (!st) {
            record.error.set(st.error());
            break;
        }
        finishRecord("Record deleted");
        break;
    }
    case K::AddPerson:
        m_s.network.newMember(true);
        break;
    default:
        break;
    }
}

void RecordsFeature::apply(const ContactDetailIntent& i) {
    using K = ContactDetailIntent::Kind;
    switch (i.kind) {
    case K::Back:
        host().back();
        break;
    case K::Edit:
        if (m_contact) {
            record = RecordState{};
            record.form = RecordForm::fromContact(*m_contact);
            record.editWhen = true;
            host().go(Screen::Record);
        }
        break;
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Contact, m_contactId);
        if (!st) {
            m_s.loadError = friendlyError(st.error());
            break;
        }
        m_contact.reset();
        m_contactId.clear();
        m_s.changed();
        host().back();
        host().toast("Record deleted");
        break;
    }
    case K::ToggleAction:
        toggleAction(i.id);
        break;
    default:
        break;
    }
}

void RecordsFeature::apply(const PlacementEditorIntent& i) {
    using K = PlacementEditorIntent::Kind;
    core::Placement& p = placement.placement;
    switch (i.kind) {
    case K::Back:
        placementDraft.close(store());
        placement.wipe();
        host().back();
        break;
    case K::RevealLocation: {
        // Core hands out the stored location only once its audit entry is written; until then the editor
        // holds none, and a save keeps the stored one.
        auto loc = m_s.vault().revealLocation(p.meta.id, "Placement location shown for editing");
        if (!loc) {
            placement.error = {"The location stays hidden: " + loc.error().message, ""};
            break;
        }
        p.locationAddress = std::move(loc->address);
        p.locationName = std::move(loc->name);
        core::wipeString(loc->address);
        core::wipeString(loc->name);
        p.locationWithheld = false;
        placement.locationShown = true;
        break;
    }
    case K::Save: {
        auto typed = placement.toRecord(host().today());
        if (!typed) return;
        const bool isNew = typed->meta.id.empty();
        auto r = store().save(*typed);
        core::wipeString(typed->locationAddress);
        core::wipeString(typed->locationName);
        if (!r) {
            placement.error.set(r.error());
            return;
        }
        placementDraft.close(store());
        placement.wipe();
        m_s.changed();
        wipeLocation(homeState.revealedLocation);
        host().back();
        host().toast(isNew ? "Placement added" : "Changes saved");
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::Placement, p.meta.id);
        if (!st) {
            placement.error.set(st.error());
            return;
        }
        placementDraft.close(store());
        m_s.changed();
        host().back();
        host().toast("Placement deleted");
        break;
    }
    default:
        break;
    }
}

void RecordsFeature::apply(const MissingEpisodeIntent& i) {
    using K = MissingEpisodeIntent::Kind;
    switch (i.kind) {
    case K::Back:
        missingDraft.close(store());
        host().back();
        break;
    case K::Save: {
        auto e = missing.toRecord(host().today());
        if (!e) return;
        const bool isNew = e->meta.id.empty();
        auto r = store().save(*e);
        if (!r) {
            missing.error.set(r.error());
            return;
        }
        missingDraft.close(store());
        m_s.changed();
        host().back();
        host().toast(isNew ? "Episode recorded" : "Changes saved");
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::MissingEpisode, missing.episode.meta.id);
        if (!st) {
            missing.error.set(st.error());
            return;
        }
        missingDraft.close(store());
        m_s.changed();
        host().back();
        host().toast("Episode deleted");
        break;
    }
    default:
        break;
    }
}

void RecordsFeature::apply(const PersonEditorIntent& i) {
    using K = PersonEditorIntent::Kind;
    switch (i.kind) {
    case K::Back:
        personDraft.close(store());
        host().back();
        break;
    case K::Save: {
        auto p = person.toRecord(host().today());
        if (!p) return;
        const bool isNew = p->meta.id.empty();
        auto r = store().save(*p);
        if (!r) {
            person.error.set(r.error());
            return;
        }
        personDraft.close(store());
        m_s.changed();
        if (isNew) {
            selectYoungPerson(*r);
            host().resetTo(Screen::People);
            host().go(Screen::Home);
            host().toast("Young person added");
        } else {
            host().back();
            host().toast("Changes saved");
        }
        break;
    }
    case K::Delete: {
        auto st = store().remove(core::RecordKind::YoungPerson, person.person.meta.id);
        if (!st) {
            person.error.set(st.error());
            return;
        }
        personDraft.close(store());
        selectYoungPerson({});
        m_s.changed();
        host().resetTo(Screen::People);
        host().toast("Young person removed");
        break;
    }
    default:
        break;
    }
}

void RecordsFeature::openSafetyPlan() {
    keepDrafts(true);
    safetyPlan.load(insightInput ? insightInput->safetyPlan : std::nullopt, m_selectedYp);
    planDraft.open(store(), "editor.safety-plan." + m_selectedYp, safetyPlan.draftFields());
    host().go(Screen::SafetyPlan);
}

void RecordsFeature::apply(const SafetyPlanIntent& i) {
    using K = SafetyPlanIntent::Kind;
    if (i.kind == K::Back) {
        planDraft.close(store());
        safetyPlan.wipe();
        host().back();
        return;
    }
    if (i.kind != K::Save) return;
    auto plan = safetyPlan.toRecord(host().today());
    if (!plan) return;
    auto r = store().save(*plan); // always the next version: earlier ones stay as they were
    if (!r) {
        safetyPlan.error.set(r.error());
        return;
    }
    const int version = plan->version;
    planDraft.close(store());
    safetyPlan.wipe();
    m_s.changed();
    host().back();
    host().toast("Safety plan saved as version " + std::to_string(version));
}

} // namespace throughline::app
