#include "app/screens/network_map_view.hpp"

#include "app/screens/common.hpp"
#include "app/glyphs.hpp"
#include "app/script_marker.hpp"
#include "app/theme.hpp"
#include "throughline/insight/map_labels.hpp"

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

ImFont* mapFont(core::MapText kind) {
    return kind == core::MapText::Sector ? fonts().bold : fonts().small;
}

core::MapTextSize measureMapText(std::string_view text, core::MapText kind) {
    ImFont* f = mapFont(kind);
    const std::string shown = ui::shortScreenText(text); // measured as drawn (drawLabel)
    const ImVec2 s = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.data(), shown.data() + shown.size());
    return {s.x, s.y};
}

// The labels' places, worked out again only when the map, its size or the type size changes (the search
// for free room is too much work for every frame).
const core::MapLabels& mapLabels(const core::NetworkMap& map, float size, float dotR) {
    struct Key {
        const core::NetworkMap* map = nullptr;
        std::size_t nodes = 0;
        std::string first, last;
        float size = 0, font = 0, bold = 0;
        std::uint64_t atlas = 0; // an emoji's width changes once its picture joins the atlas
        bool operator==(const Key&) const = default;
    };
    static Key cachedKey;
    static core::MapLabels cached;
    Key key{&map,
            map.nodes.size(),
            map.nodes.empty() ? map.centreLabel : map.nodes.front().id + map.nodes.front().label,
            map.nodes.empty() ? std::string() : map.nodes.back().id + map.nodes.back().label,
            size,
            fonts().small ? fonts().small->FontSize : 0,
            fonts().bold ? fonts().bold->FontSize : 0,
            glyphAtlasGeneration()};
    if (!(key == cachedKey)) {
        cached = core::placeMapLabels(map, {size, dotR, dp(2)}, measureMapText);
        cachedKey = std::move(key);
    }
    return cached;
}

// Track and place names the map had no room for (a narrow window at a large UI scale), above it: the
// tracks in their colours, then which ring is which.
void mapKey(const core::NetworkMap& map, const core::MapLabels& labels) {
    bool anyRing = false;
    for (const auto& l : labels.rings)
        anyRing = anyRing || l.text.empty();
    if (anyRing && !map.rings.empty()) {
        std::string rings = "Rings from the centre: ";
        for (std::size_t i = 0; i < map.rings.size(); ++i) {
            std::string name(core::enumDisplay(map.rings[i].place));
            if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z')
                name[0] = static_cast<char>(name[0] - 'A' + 'a');
            rings += (i ? ", " : "") + name;
        }
        ImGui::PushFont(fonts().small);
        ui::muted(rings);
        ImGui::PopFont();
    }
    bool any = false;
    for (const auto& l : labels.sectors)
        any = any || l.text.empty();
    if (!any) return;
    ImGui::PushFont(fonts().bold);
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x, space = dp(16);
    bool first = true;
    for (std::size_t i = 0; i < labels.sectors.size() && i < map.sectors.size(); ++i) {
        const std::string name(core::enumDisplay(map.sectors[i].track));
        if (!first) {
            ImGui::SameLine(0, space);
            if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(name.c_str()).x > right) ImGui::NewLine();
        }
        first = false;
        ImGui::PushStyleColor(ImGuiCol_Text, trackColour(map.sectors[i].track));
        ui::text(name);
        ImGui::PopStyleColor();
    }
    ImGui::PopFont();
}

} // namespace

std::string drawNetworkMap(const core::NetworkMap& map, const std::string& selectedId, float maxSize) {
    std::string tapped;
    const Palette& p = palette();
    const float size = std::min(ImGui::GetContentRegionAvail().x, maxSize);
    // Dots: 7 px at 100 %, but never so large on a small map that they crowd out every name (the touch
    // targets keep their size); the ring round a dot the young person sees differently sits 3/7 further.
    const float nodeR = std::min(dp(7), size * 0.019f), ringR = nodeR * 10.f / 7.f;
    const core::MapLabels& labels = mapLabels(map, size, ringR);
    mapKey(map, labels);
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
    }

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
        const std::string ini = ui::initialsOf(map.centreLabel);
        const ImVec2 ts = ImGui::CalcTextSize(ini.c_str());
        dl->AddText(ImVec2(centre.x - ts.x * 0.5f, centre.y - ts.y * 0.5f), toU32(p.accentText), ini.c_str());
    }
    ImGui::PopFont();

    // People: a dot in the track's colour, a second ring when the young person sees it differently.
    for (const auto& n : map.nodes) {
        const ImVec2 c = at(n.x, n.y);
        const bool selected = n.id == selectedId;
        if (selected) dl->AddCircleFilled(c, nodeR + dp(6), toU32(p.accentSoft), 32);
        dl->AddCircleFilled(c, nodeR, toU32(trackColour(n.track), n.faded ? 0.45f : 1.f), 32);
        dl->AddCircle(c, nodeR, toU32(p.surface), 32, dp(1.5f));
        if (n.viewsDiffer) dl->AddCircle(c, ringR, toU32(viewColour(n.view)), 32, dp(1.2f));
    }
    // Every name where core's placement put it (shared with the PDF and HTML maps): never over another
    // name or a dot. A name set away from its dot has a thin leader line to it.
    // A label that a line from the centre still runs through (no clear place beside its dot) gets a soft
    // backing in the card's colour, so the line never cuts the letters.
    const auto lines = core::mapLines(map);
    const auto drawLabel = [&](const core::MapLabel& l, core::MapText kind, ImU32 colour) {
        if (l.text.empty()) return;
        const ImVec2 b0 = at(l.box.x0, l.box.y0);
        if (core::crossedByAny(l.box, lines)) {
            const ImVec2 b1 = at(l.box.x1, l.box.y1), pad(dp(3), dp(1));
            dl->AddRectFilled(ImVec2(b0.x - pad.x, b0.y - pad.y), ImVec2(b1.x + pad.x, b1.y + pad.y),
                              toU32(p.surface, 0.88f), dp(4));
        }
        if (l.leader) {
            double nx = 0, ny = 0;
            core::nearestOnBox(l.box, l.fromX, l.fromY, nx, ny);
            dl->AddLine(at(l.fromX, l.fromY), at(nx, ny), toU32(p.textFaint, 0.8f), dp(1));
        }
        ImFont* f = mapFont(kind);
        const std::string shown = ui::shortScreenText(l.text); // emoji as pictures, "[Arabic]" …
        dl->AddText(f, f->FontSize, b0, colour, shown.c_str());
    };
    for (std::size_t i = 0; i < labels.sectors.size() && i < map.sectors.size(); ++i)
        drawLabel(labels.sectors[i], core::MapText::Sector, toU32(trackColour(map.sectors[i].track)));
    for (const auto& l : labels.rings)
        drawLabel(l, core::MapText::Ring, toU32(p.textFaint));
    for (std::size_t i = 0; i < labels.nodes.size() && i < map.nodes.size(); ++i) {
        const auto& n = map.nodes[i];
        drawLabel(labels.nodes[i], core::MapText::Node,
                  toU32(n.id == selectedId ? p.text : (n.faded ? p.textFaint : p.textMuted)));
    }

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
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui::shortScreenText(n.label).c_str());
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
    const float lineH = ImGui::GetTextLineHeight();
    const float avail = ImGui::GetContentRegionAvail().x;
    // The track names sit left of their rows when that leaves the chart at least 60 % of the width, else
    // each on its own line above its row: never into the bars.
    float namesW = 0;
    for (int track = 0; track < 3; ++track)
        namesW = std::max(
            namesW,
            ImGui::CalcTextSize(std::string(core::enumDisplay(static_cast<core::Track>(track))).c_str()).x);
    const bool namesAbove = namesW + dp(10) > avail * 0.4f;
    const float labelW = namesAbove ? 0.f : namesW + dp(10);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float width = avail - labelW;
    // Phase names where each phase begins, on a second line when two would touch (core places them).
    const auto phaseLabels = core::placePhaseLabels(
        t, width,
        [](std::string_view s) {
            return static_cast<double>(ImGui::CalcTextSize(s.data(), s.data() + s.size()).x);
        },
        dp(6));
    int phaseRows = 1;
    for (const auto& l : phaseLabels)
        phaseRows = std::max(phaseRows, l.row + 1);
    const float barsH = dp(26), nameH = namesAbove ? lineH + dp(2) : 0.f;
    const float rowH = barsH + nameH, top = lineH * static_cast<float>(phaseRows) + dp(4);
    const float colW = width / static_cast<float>(t.weeks.size());
    const float height = top + rowH * 3 + dp(20);
    // Phase bands behind the weeks, a line where each phase begins, and its name.
    for (std::size_t i = 0; i < t.weeks.size(); ++i) {
        const auto& w = t.weeks[i];
        const float x0 = o.x + labelW + colW * static_cast<float>(i);
        const ImVec4 band = w.phase == core::Phase::Before   ? p.surfaceAlt
                            : w.phase == core::Phase::Ending ? p.warningSoft
                                                             : p.surface;
        dl->AddRectFilled(ImVec2(x0, o.y + top), ImVec2(x0 + colW, o.y + top + rowH * 3), toU32(band));
        if (i == 0 || w.phase != t.weeks[i - 1].phase)
            dl->AddLine(ImVec2(x0, o.y + dp(2)), ImVec2(x0, o.y + top + rowH * 3), toU32(p.border), dp(1));
    }
    for (const auto& l : phaseLabels)
        dl->AddText(ImVec2(o.x + labelW + static_cast<float>(l.x), o.y + lineH * static_cast<float>(l.row)),
                    toU32(p.textMuted), l.text.c_str());
    // One row per track: a bar per week, height by contacts that happened; a hollow mark when none did
    // but some were planned.
    const float scale = static_cast<float>(std::max(1, t.busiestWeek));
    for (int track = 0; track < 3; ++track) {
        const float rowTop = o.y + top + rowH * static_cast<float>(track);
        const float y0 = rowTop + nameH; // the bars' top
        const auto tr = static_cast<core::Track>(track);
        dl->AddText(ImVec2(o.x, namesAbove ? rowTop + dp(1) : y0 + (barsH - lineH) * 0.5f),
                    toU32(trackColour(tr)), std::string(core::enumDisplay(tr)).c_str());
        dl->AddLine(ImVec2(o.x + labelW, y0 + barsH), ImVec2(o.x + labelW + width, y0 + barsH),
                    toU32(p.border));
        for (std::size_t i = 0; i < t.weeks.size(); ++i) {
            const auto& w = t.weeks[i];
            const float x0 = o.x + labelW + colW * static_cast<float>(i);
            const float inset = std::min(dp(1.5f), colW * 0.15f);
            if (w.happened[static_cast<std::size_t>(track)] > 0) {
                const float h =
                    std::max(dp(3), (barsH - dp(4)) * w.happened[static_cast<std::size_t>(track)] / scale);
                dl->AddRectFilled(ImVec2(x0 + inset, y0 + barsH - h), ImVec2(x0 + colW - inset, y0 + barsH),
                                  toU32(trackColour(tr)), dp(1.5f));
            } else if (w.notHappened[static_cast<std::size_t>(track)] > 0) {
                dl->AddRect(ImVec2(x0 + inset, y0 + barsH - dp(5)), ImVec2(x0 + colW - inset, y0 + barsH),
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
