// The network feature: the map and list of a young person's network, and the member editor.
#include "app/features/network.hpp"

#include "app/session.hpp"

#include <algorithm>

namespace throughline::app {

void NetworkFeature::refresh() {
    const RecordsFeature& records = m_s.records;
    if (m_originsAt.current(m_s.changes(), records.selectedYoungPerson())) return;
    m_originsAt.mark(m_s.changes(), records.selectedYoungPerson());
    // Network members written in a colleague's vault say where they came from.
    m_memberOrigins.clear();
    if (records.home)
        for (const auto& m : records.home->network)
            if (auto o = m_s.sync.originOf(m.member.meta); !o.empty()) m_memberOrigins[m.member.meta.id] = o;
}

void NetworkFeature::pictureChanged() {
    m_selectedContacts.clear();
    if (!state.selected.empty()) selectOnMap(state.selected);
}

void NetworkFeature::selectOnMap(const std::string& memberId) {
    state.selected = memberId;
    m_selectedContacts.clear();
    const auto& input = m_s.records.insightInput;
    if (!input || memberId.empty()) return;
    for (const auto& c : input->contacts)
        if (std::find(c.participantIds.begin(), c.participantIds.end(), memberId) != c.participantIds.end())
            m_selectedContacts.push_back(c);
    std::sort(m_selectedContacts.begin(), m_selectedContacts.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? b.date < a.date : b.meta.createdAt < a.meta.createdAt;
    });
    if (m_selectedContacts.size() > 3) m_selectedContacts.resize(3);
}

void NetworkFeature::show(Screen s, bool) {
    const core::Date t = m_s.host().today();
    RecordsFeature& records = m_s.records;
    if (s == Screen::MemberEditor) {
        apply(drawWithDraft(
            memberDraft, m_s.store(), [&](const DraftFields& f) { member.restoreDraft(f); },
            [&] { return drawMemberEditor(member, t); }));
        return;
    }
    if (s == Screen::PhasePicture) {
        PhasePictureView v;
        v.picture = records.insight ? &records.insight->phasePicture : nullptr;
        v.youngPersonName = records.home ? records.home->person.shownName() : std::string();
        v.today = t;
        if (drawPhasePicture(phases, v).kind == PhasePictureIntent::Kind::Back) m_s.host().back();
        return;
    }
    if (records.selectedYoungPerson().empty() || !records.home) {
        if (auto id = records.drawChooser("Network", "Whose network?")) records.selectYoungPerson(*id);
        return;
    }
    NetworkView v;
    v.members = &records.home->network;
    v.today = t;
    v.youngPersonName = records.home->person.shownName();
    v.map = &records.map;
    v.timeline = records.insight ? &records.timeline : nullptr;
    v.insights = records.insight ? &records.insight->members : nullptr;
    v.selectedContacts = &m_selectedContacts;
    v.origins = &m_memberOrigins;
    if (records.insight)
        v.periodText =
            "From " + records.insight->period.from.display() + " to " + records.insight->period.to.display();
    apply(drawNetwork(state, v));
}

void NetworkFeature::keepDrafts(bool force) {
    const Host& host = m_s.host();
    memberDraft.keep(
        m_s.store(), [&] { return member.draftFields(); }, host.now(), host.options().draftIntervalSeconds,
        force);
}

void NetworkFeature::left(Screen s) {
    if (s == Screen::MemberEditor) memberDraft.close(m_s.store()); // as its Back button does
}

void NetworkFeature::openPhasePicture(int phase) {
    phases.phase = phase;
    m_s.host().go(Screen::PhasePicture);
}

void NetworkFeature::openMember(const std::string& id) {
    keepDrafts(true); // an editor left open (by switching tabs) is kept before its state is reused
    auto r = m_s.store().networkMember(id);
    if (!r) {
        m_s.loadError = friendlyError(r.error());
        return;
    }
    member.load(*r);
    memberDraft.open(m_s.store(), "editor.member." + id, member.draftFields());
    m_memberForRecord = false;
    m_s.host().go(Screen::MemberEditor);
}

void NetworkFeature::newMember(bool forRecord) {
    keepDrafts(true);
    core::NetworkMember m;
    m.youngPersonId = m_s.records.selectedYoungPerson();
    m.track = core::defaultTrackFor(m.role);
    member.load(m);
    memberDraft.open(m_s.store(), "editor.member.new." + m.youngPersonId, member.draftFields());
    m_memberForRecord = forRecord;
    m_s.host().go(Screen::MemberEditor);
}

void NetworkFeature::apply(const NetworkIntent& i) {
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
        m_s.records.openContact(i.id);
        break;
    case K::RecordWith: {
        const std::string memberId = i.id;
        m_s.records.startRecord(m_s.records.selectedYoungPerson());
        auto& ids = m_s.records.record.form.participantIds;
        if (std::find(ids.begin(), ids.end(), memberId) == ids.end()) ids.push_back(memberId);
        break;
    }
    default:
        break;
    }
}

void NetworkFeature::apply(const MemberEditorIntent& i) {
    using K = MemberEditorIntent::Kind;
    Host& host = m_s.host();
    if (i.kind == K::Back) {
        memberDraft.close(m_s.store());
        host.back();
    } else if (i.kind == K::Save) {
        auto m = member.toRecord(host.today());
        if (!m) return;
        const bool isNew = m->meta.id.empty();
        auto r = m_s.store().save(*m);
        if (!r) {
            member.error.set(r.error());
            return;
        }
        memberDraft.close(m_s.store());
        if (m_memberForRecord && isNew) m_s.records.record.form.participantIds.push_back(*r);
        m_memberForRecord = false;
        m_s.changed();
        host.back();
        host.toast(isNew ? "Added to the network" : "Changes saved");
    } else if (i.kind == K::Delete) {
        auto st = m_s.store().remove(core::RecordKind::NetworkMember, member.member.meta.id);
        if (!st) {
            member.error.set(st.error());
            return;
        }
        memberDraft.close(m_s.store());
        m_s.changed();
        host.back();
        host.toast("Removed from the network");
    }
}

} // namespace throughline::app
