#include "app/screens/network_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"
#include "app/screens/network_map_view.hpp"

namespace throughline::app {

namespace {

// The way to grow the network, at the foot of both the map and the list.
NetworkIntent addButton(NetworkIntent intent) {
    if (ui::secondaryButton("+  Add someone to the network")) intent.kind = NetworkIntent::Kind::Add;
    ui::tag("network.add");
    ui::spacer(12);
    return intent;
}

const core::MemberInsight* insightFor(const NetworkView& v, const std::string& id) {
    if (!v.insights) return nullptr;
    for (const auto& m : *v.insights)
        if (m.memberId == id) return &m;
    return nullptr;
}

// The person tapped on the map: who they are, what the relationship is doing, the latest contacts.
void drawSelected(const NetworkState& s, const NetworkView& v, NetworkIntent& intent) {
    const core::MemberContact* mc = nullptr;
    for (const auto& m : *v.members)
        if (m.member.meta.id == s.selected) mc = &m;
    if (!mc) return;
    const core::NetworkMember& m = mc->member;
    ImVec4 stripe = trackColour(m.track);
    ui::beginCard(nullptr, &stripe);
    ui::heading(m.name.c_str());
    ui::tag("network.selected");
    ui::muted(std::string(core::enumDisplay(m.role)) + " \xC2\xB7 " +
              std::string(core::enumDisplay(m.track)) + " \xC2\xB7 " +
              std::string(core::enumDisplay(m.place)));
    std::string views = "Your view: " + std::string(core::enumDisplay(m.workerView)) +
                        " \xC2\xB7 their view: " + std::string(core::enumDisplay(m.youngPersonView));
    ui::text(views);
    if (m.arrangement != core::Arrangement::Encouraged)
        ui::badge(std::string(core::enumDisplay(m.arrangement)) +
                      (m.arrangementReason.empty() ? "" : ": " + m.arrangementReason),
                  ui::Tone::Warning);
    if (const auto* in = insightFor(v, m.meta.id)) {
        const char* trend = in->trend == core::Trend::More    ? "more than the period before"
                            : in->trend == core::Trend::Fewer ? "fewer than the period before"
                                                              : "about the same as before";
        std::string line =
            std::string(core::enumDisplay(in->status)) + " \xC2\xB7 " + std::to_string(in->contactsInPeriod) +
            (in->contactsInPeriod == 1 ? " contact" : " contacts") + " in the period, " + trend;
        ui::text(line);
    }
    ui::faint(lastContactText(mc->lastContact, v.today));
    if (v.origins)
        if (auto it = v.origins->find(m.meta.id); it != v.origins->end()) {
            ui::faint(it->second);
            ui::tag("network.selected.origin");
        }
    if (v.selectedContacts && !v.selectedContacts->empty()) {
        ui::spacer(2);
        ui::fieldLabel("Latest contacts");
        for (const auto& c : *v.selectedContacts) {
            ui::Row row;
            row.title = std::string(core::enumDisplay(c.kind)) + " \xC2\xB7 " + c.date.display();
            row.subtitle = std::string(core::enumDisplay(c.status));
            const std::string id = "network.contact." + c.meta.id;
            if (ui::listRow(id.c_str(), row)) {
                intent.kind = NetworkIntent::Kind::OpenContact;
                intent.id = c.meta.id;
            }
        }
    }
    ui::spacer(4);
    if (ui::primaryButton("Record a contact with them")) {
        intent.kind = NetworkIntent::Kind::RecordWith;
        intent.id = m.meta.id;
    }
    ui::tag("network.record-with");
    if (ui::secondaryButton("Edit details")) {
        intent.kind = NetworkIntent::Kind::Open;
        intent.id = m.meta.id;
    }
    ui::tag("network.edit-selected");
    ui::endCard();
    ui::spacer(4);
}

} // namespace

NetworkIntent drawNetwork(NetworkState& s, const NetworkView& v) {
    NetworkIntent intent;
    ui::topBar("Network", false, ("Around " + v.youngPersonName).c_str());
    const auto& members = *v.members;

    ui::beginFlow();
    if (ui::chip("network.mode.map", "Map", !s.list)) s.list = false;
    ui::tag("network.mode.map");
    if (ui::chip("network.mode.list", "List", s.list)) s.list = true;
    ui::tag("network.mode.list");
    ui::endFlow();
    ui::spacer(4);

    if (!s.list) {
        ui::beginCard();
        ui::heading("Who is around them");
        if (!v.periodText.empty()) ui::faint(v.periodText);
        if (v.map && !v.map->nodes.empty()) {
            const std::string tapped = drawNetworkMap(*v.map, s.selected, dp(640));
            if (!tapped.empty()) {
                intent.kind = NetworkIntent::Kind::Select;
                intent.id = tapped == s.selected ? std::string() : tapped;
            }
            ui::spacer(4);
            drawMapLegend();
        } else {
            ui::faint("Nobody is in the network yet.");
        }
        ui::endCard();
        ui::spacer(4);
        if (!s.selected.empty()) drawSelected(s, v, intent);
        if (v.timeline) {
            ui::beginCard();
            ui::heading("Relational timeline");
            drawTimeline(*v.timeline);
            ui::endCard();
            ui::spacer(4);
        }
        return addButton(intent);
    }

    // A three-part bar: how the network spreads across the tracks.
    {
        int counts[3] = {0, 0, 0};
        for (const auto& m : members)
            counts[static_cast<int>(m.member.track) % 3]++;
        ui::beginCard();
        ImVec2 o = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x, h = dp(10);
        int total = std::max(1, counts[0] + counts[1] + counts[2]);
        float x = o.x;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), toU32(palette().surfaceAlt), h);
        for (int i = 0; i < 3; ++i) {
            float seg = w * counts[i] / total;
            if (seg > 0)
                dl->AddRectFilled(ImVec2(x, o.y), ImVec2(x + seg, o.y + h), toU32(palette().track[i]), h);
            x += seg;
        }
        ImGui::Dummy(ImVec2(w, h));
        ui::spacer(2);
        ui::beginFlow();
        if (ui::chip("network.track.all", "All", s.track < 0)) s.track = -1;
        for (const auto& t : core::enumEntries<core::Track>()) {
            int i = static_cast<int>(t.value);
            std::string id = "network.track." + std::string(t.key);
            std::string label = std::string(t.display) + "  " + std::to_string(counts[i % 3]);
            ImVec4 dot = trackColour(t.value);
            if (ui::chip(id.c_str(), label.c_str(), s.track == i, &dot)) s.track = s.track == i ? -1 : i;
        }
        ui::endFlow();
        ui::endCard();
        ui::spacer(4);
    }

    for (const auto& t : core::enumEntries<core::Track>()) {
        if (s.track >= 0 && s.track != static_cast<int>(t.value)) continue;
        ImVec4 stripe = trackColour(t.value);
        ui::beginCard(nullptr, &stripe);
        ImGui::PushStyleColor(ImGuiCol_Text, stripe);
        ui::heading(std::string(t.display).c_str());
        ImGui::PopStyleColor();
        int shown = 0;
        for (const auto& place : core::enumEntries<core::Place>()) {
            bool header = false;
            for (const auto& m : members) {
                if (m.member.track != t.value || m.member.place != place.value) continue;
                if (!header) {
                    ui::fieldLabel(std::string(place.display).c_str());
                    header = true;
                }
                ++shown;
                ui::Row row;
                row.title = m.member.name;
                row.subtitle = std::string(core::enumDisplay(m.member.role));
                if (m.member.youngPersonView != core::View::NotKnown &&
                    m.member.youngPersonView != m.member.workerView)
                    row.subtitle +=
                        " \xC2\xB7 they see: " + std::string(core::enumDisplay(m.member.youngPersonView));
                row.trailing = lastContactText(m.lastContact, v.today);
                row.dot = m.member.workerView == core::View::NotKnown
                              ? palette().border
                              : toneColour(viewTone(m.member.workerView));
                if (m.member.arrangement != core::Arrangement::Encouraged)
                    row.badges.push_back(
                        {std::string(core::enumDisplay(m.member.arrangement)), ui::Tone::Warning});
                std::string id = "network.member." + m.member.meta.id;
                if (ui::listRow(id.c_str(), row)) {
                    intent.kind = NetworkIntent::Kind::Open;
                    intent.id = m.member.meta.id;
                }
            }
        }
        if (shown == 0) ui::faint("Nobody recorded on this track yet. Who could be here?");
        ui::endCard();
        ui::spacer(4);
    }
    return addButton(intent);
}

} // namespace throughline::app
