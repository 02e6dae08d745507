#include "app/screens/network_map_view.hpp"

#include "app/screens/common.hpp"
#include "app/theme.hpp"

#include <algorithm>
#include <cmath>

namespace throughline::app {

namespace {

constexpr float kPi = 3.14159265358979f;

ImVec4 viewColour(core::View view) {
    return view == core::View::NotKnown ? palette().textFaint : toneColour(viewTone(view));
}

// A line with a dash pattern given in multiples of its width (solid when the pattern is empty).
void dashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float width,
                const std::vector<double>& dash) {
    if (dash.empty()) {
        dl->AddLine(a, b, colour, width);
        return;
    }
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1) return;
    const float ux = dx / length, uy = dy / length;
    float at = 0;
    std::size_t i = 0;
    bool on = true;
    while (at < length) {
        const float step = std::max(1.f, static_cast<float>(dash[i % dash.size()]) * width);
        const float end = std::min(length, at + step);
        if (on)
            dl->AddLine(ImVec2(a.x + ux * at, a.y + uy * at), ImVec2(a.x + ux * end, a.y + uy * end), colour,
                        width);
        at = end;
        on = !on;
        ++i;
    }
}

std::string shortLabel(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut; // never split a UTF-8 char
    return s.substr(0, cut) + "\xE2\x80\xA6";
}

// On a phone-width map full names collide: show the first word ("Grandad", "Hannah"); the full name is in
// the tooltip and the card of the person tapped.
std::string mapLabel(const std::string& name, bool compact) {
    if (!compact) return shortLabel(name, 18);
    const auto space = name.find(' ');
    return shortLabel(space == std::string::npos ? name : name.substr(0, space), 12);
}

std::string initials(const std::string& name) {
    std::string out;
    bool start = true;
    for (char c : name) {
        if (c == ' ' || c == '-')
            start = true;
        else if (start) {
            out += c;
            start = false;
            if (out.size() == 2) break;
        }
    }
    return out;
}

} // namespace

std::string drawNetworkMap(const core::NetworkMap& map, const std::string& selectedId, float maxSize) {
    std::string tapped;
    const Palette& p = palette();
    const float size = std::min(ImGui::GetContentRegionAvail().x, maxSize);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 o(start.x + (ImGui::GetContentRegionAvail().x - size) * 0.5f, start.y);
    const auto at = [&](double x, double y) {
        return ImVec2(o.x + static_cast<float>(x) * size, o.y + static_cast<float>(y) * size);
    };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 centre = at(map.centreX, map.centreY);

    // Rings (places), outermost first so inner fills sit on top.
    for (auto it = map.rings.rbegin(); it != map.rings.rend(); ++it) {
        const float r = static_cast<float>(it->outer) * size;
        dl->AddCircleFilled(centre, r,
                            toU32(p.surfaceAlt, it->place == core::Place::PlacementArea ? 0.9f : 0.45f), 96);
        dl->AddCircle(centre, r, toU32(p.line), 96, dp(1));
    }
    // Sectors (tracks): a pale wedge each, and the track's name.
    for (const auto& s : map.sectors) {
        const float outer =
            map.rings.empty() ? size * 0.5f : static_cast<float>(map.rings.back().outer) * size;
        dl->PathLineTo(centre);
        dl->PathArcTo(centre, outer, static_cast<float>(s.startAngle), static_cast<float>(s.endAngle), 48);
        dl->PathFillConvex(toU32(trackColour(s.track), 0.08f));
        const ImVec2 edge(centre.x + std::cos(static_cast<float>(s.startAngle)) * outer,
                          centre.y + std::sin(static_cast<float>(s.startAngle)) * outer);
        dl->AddLine(centre, edge, toU32(p.line), dp(1));
        ImGui::PushFont(fonts().bold);
        const std::string name(core::enumDisplay(s.track));
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        const ImVec2 lp = at(s.labelX, s.labelY);
        dl->AddText(ImVec2(std::clamp(lp.x - ts.x * 0.5f, o.x, o.x + size - ts.x), lp.y - ts.y * 0.5f),
                    toU32(trackColour(s.track)), name.c_str());
        ImGui::PopFont();
    }
    // Ring names, small, just inside the top of each ring.
    ImGui::PushFont(fonts().small);
    for (const auto& r : map.rings) {
        const std::string name(core::enumDisplay(r.place));
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        const float y = centre.y - static_cast<float>(r.outer) * size + dp(2);
        dl->AddText(ImVec2(centre.x - ts.x * 0.5f, y), toU32(p.textFaint), name.c_str());
    }
    ImGui::PopFont();

    // Lines from the young person to each person: style = the worker's view, width = contact, faded = none.
    const float unit = size / 100.f;
    for (const auto& n : map.nodes) {
        const auto& style = core::mapLineStyle(n.view);
        const float width = std::max(dp(1), static_cast<float>(n.weight) * unit);
        const ImU32 colour = toU32(viewColour(n.view), n.faded ? 0.3f : 0.9f);
        dashedLine(dl, centre, at(n.x, n.y), colour, width, style.dash);
    }
    // The young person.
    const float cr = static_cast<float>(map.centreRadius) * size;
    dl->AddCircleFilled(centre, cr, toU32(p.accent), 48);
    ImGui::PushFont(fonts().bold);
    {
        const std::string ini = initials(map.centreLabel);
        const ImVec2 ts = ImGui::CalcTextSize(ini.c_str());
        dl->AddText(ImVec2(centre.x - ts.x * 0.5f, centre.y - ts.y * 0.5f), toU32(p.accentText), ini.c_str());
    }
    ImGui::PopFont();

    // People: a dot in the track's colour, a second ring when the young person sees it differently.
    ImGui::PushFont(fonts().small);
    const float nodeR = dp(7);
    const bool compact = size < dp(560);
    const bool crowded = map.nodes.size() > 14;
    for (const auto& n : map.nodes) {
        const ImVec2 c = at(n.x, n.y);
        const bool selected = n.id == selectedId;
        if (selected) dl->AddCircleFilled(c, nodeR + dp(6), toU32(p.accentSoft), 32);
        dl->AddCircleFilled(c, nodeR, toU32(trackColour(n.track), n.faded ? 0.45f : 1.f), 32);
        dl->AddCircle(c, nodeR, toU32(p.surface), 32, dp(1.5f));
        if (n.viewsDiffer) dl->AddCircle(c, nodeR + dp(3), toU32(viewColour(n.view)), 32, dp(1.2f));
        // Crowded maps leave out the labels of people with no contact in the period (still tappable).
        if (crowded && n.faded && !selected) continue;
        const std::string label = mapLabel(n.label, compact);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        ImVec2 lp = at(n.labelX, n.labelY);
        lp.x = n.labelLeft ? lp.x - ts.x : lp.x;
        lp.x = std::clamp(lp.x, o.x, o.x + size - ts.x);
        lp.y -= ts.y * 0.5f;
        dl->AddText(lp, toU32(selected ? p.text : (n.faded ? p.textFaint : p.textMuted)), label.c_str());
    }
    ImGui::PopFont();

    // Touch targets last, so they sit above the drawing. 40 px squares centred on each person.
    const float hit = std::max(dp(40), nodeR * 2);
    for (const auto& n : map.nodes) {
        const ImVec2 c = at(n.x, n.y);
        ImGui::SetCursorScreenPos(ImVec2(c.x - hit * 0.5f, c.y - hit * 0.5f));
        ImGui::PushID(n.id.c_str());
        if (ImGui::InvisibleButton("node", ImVec2(hit, hit))) tapped = n.id;
        ui::focusStop(hit * 0.5f);
        // Tab reaches every person; the one with the keyboard focus is shown in the details panel.
        if (ImGui::IsItemFocused() && ui::focusRingVisible() && n.id != selectedId) tapped = n.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", n.label.c_str());
        ImGui::PopID();
        ui::tag("network.node." + n.id);
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, size));
    return tapped;
}

void drawMapLegend() {
    const Palette& p = palette();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts().small);
    const float sample = dp(44), width = dp(3);
    for (const auto& style : core::mapLineStyles()) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float y = pos.y + ImGui::GetTextLineHeight() * 0.5f;
        dashedLine(dl, ImVec2(pos.x, y), ImVec2(pos.x + sample, y), toU32(viewColour(style.view)), width,
                   style.dash);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + sample + dp(10), pos.y));
        ImGui::TextUnformatted(std::string(style.label).c_str());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
    ImGui::TextWrapped("Line style shows your view of the relationship; a ring round a dot means the young "
                       "person sees it differently. Thicker lines mean more contact in the period; faded "
                       "ones, none.");
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void drawTimeline(const core::Timeline& t) {
    const Palette& p = palette();
    if (t.weeks.empty()) {
        ui::faint("No weeks to show yet.");
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts().small);
    const float labelW = dp(86);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x - labelW;
    const float rowH = dp(26), top = dp(18);
    const float colW = width / static_cast<float>(t.weeks.size());
    const float height = top + rowH * 3 + dp(20);
    // Phase bands behind the weeks, with the phase named where it begins.
    core::Phase shown = core::Phase::During;
    for (std::size_t i = 0; i < t.weeks.size(); ++i) {
        const auto& w = t.weeks[i];
        const float x0 = o.x + labelW + colW * static_cast<float>(i);
        const ImVec4 band = w.phase == core::Phase::Before   ? p.surfaceAlt
                            : w.phase == core::Phase::Ending ? p.warningSoft
                                                             : p.surface;
        dl->AddRectFilled(ImVec2(x0, o.y + top), ImVec2(x0 + colW, o.y + top + rowH * 3), toU32(band));
        if (i == 0 || w.phase != shown) {
            shown = w.phase;
            const char* name = w.phase == core::Phase::Before   ? "Before the move"
                               : w.phase == core::Phase::Ending ? "Ending"
                                                                : "During";
            dl->AddText(ImVec2(x0 + dp(2), o.y), toU32(p.textMuted), name);
            dl->AddLine(ImVec2(x0, o.y + dp(2)), ImVec2(x0, o.y + top + rowH * 3), toU32(p.border), dp(1));
        }
    }
    // One row per track: a bar per week, height by contacts that happened; a hollow mark when none did
    // but some were planned.
    const float scale = static_cast<float>(std::max(1, t.busiestWeek));
    for (int track = 0; track < 3; ++track) {
        const float y0 = o.y + top + rowH * static_cast<float>(track);
        const auto tr = static_cast<core::Track>(track);
        dl->AddText(ImVec2(o.x, y0 + (rowH - ImGui::GetTextLineHeight()) * 0.5f), toU32(trackColour(tr)),
                    std::string(core::enumDisplay(tr)).c_str());
        dl->AddLine(ImVec2(o.x + labelW, y0 + rowH), ImVec2(o.x + labelW + width, y0 + rowH),
                    toU32(p.border));
        for (std::size_t i = 0; i < t.weeks.size(); ++i) {
            const auto& w = t.weeks[i];
            const float x0 = o.x + labelW + colW * static_cast<float>(i);
            const float inset = std::min(dp(1.5f), colW * 0.15f);
            if (w.happened[static_cast<std::size_t>(track)] > 0) {
                const float h =
                    std::max(dp(3), (rowH - dp(4)) * w.happened[static_cast<std::size_t>(track)] / scale);
                dl->AddRectFilled(ImVec2(x0 + inset, y0 + rowH - h), ImVec2(x0 + colW - inset, y0 + rowH),
                                  toU32(trackColour(tr)), dp(1.5f));
            } else if (w.notHappened[static_cast<std::size_t>(track)] > 0) {
                dl->AddRect(ImVec2(x0 + inset, y0 + rowH - dp(5)), ImVec2(x0 + colW - inset, y0 + rowH),
                            toU32(trackColour(tr), 0.7f), dp(1), 0, dp(1));
            }
        }
    }
    // Missing episodes: a red triangle under the week.
    for (std::size_t i = 0; i < t.weeks.size(); ++i) {
        if (t.weeks[i].missingEpisodes == 0) continue;
        const float cx = o.x + labelW + colW * (static_cast<float>(i) + 0.5f);
        const float y = o.y + top + rowH * 3 + dp(4);
        dl->AddTriangleFilled(ImVec2(cx, y), ImVec2(cx - dp(5), y + dp(9)), ImVec2(cx + dp(5), y + dp(9)),
                              toU32(p.danger));
    }
    ImGui::Dummy(ImVec2(labelW + width, height));
    ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
    ImGui::TextWrapped(
        "Each bar is one week: taller means more contacts that happened. A hollow mark: contact "
        "was planned but did not happen. A red triangle: a missing episode began that week.");
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

} // namespace throughline::app
