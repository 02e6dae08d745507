#include "app/screens/phase_picture_screen.hpp"

#include "throughline/base/text.hpp"

#include <algorithm>

namespace throughline::app {

namespace {

constexpr core::Track kTracks[] = {core::Track::Practitioner, core::Track::Family,
                                   core::Track::PeerCommunity};
constexpr core::Use kUses[] = {core::Use::Consistency, core::Use::Collaboration, core::Use::Safety};

void wrapped(const std::string& s, const ImVec4* colour = nullptr) {
    ImGui::PushTextWrapPos(0);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextUnformatted(s.c_str());
    if (colour) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

enum class ValueStyle { Plain, Muted, Faint };

// A bold label and a value against the right edge; the value goes under the label when both do not fit
// (a narrow window at a large UI scale).
void labelAndValue(const std::string& label, const ImVec4* labelColour, const std::string& value,
                   ValueStyle style) {
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(fonts().bold);
    const float labelW = ImGui::CalcTextSize(label.c_str()).x;
    if (labelColour) ImGui::PushStyleColor(ImGuiCol_Text, *labelColour);
    wrapped(label);
    if (labelColour) ImGui::PopStyleColor();
    ImGui::PopFont();
    const float valueW = ImGui::CalcTextSize(value.c_str()).x + dp(4);
    if (labelW + valueW + dp(16) <= avail) ui::alignRight(valueW);
    switch (style) {
    case ValueStyle::Plain:
        ui::text(value);
        break;
    case ValueStyle::Muted:
        ui::muted(value);
        break;
    case ValueStyle::Faint:
        ui::faint(value);
        break;
    }
}

const char* chipLabel(core::Phase ph, bool hasPlacement) {
    if (!hasPlacement) return "The period";
    switch (ph) {
    case core::Phase::Before:
        return "Before";
    case core::Phase::During:
        return "During";
    case core::Phase::Ending:
        return "Ending";
    }
    return "";
}

} // namespace

int currentPhaseIndex(const core::PhasePicture& pic, const core::Date& today) {
    if (!pic.hasPlacement || !pic.placementStart) return 1;
    if (today < *pic.placementStart) return 0;
    if (pic.endingFrom && *pic.endingFrom <= today) return 2;
    return 1;
}

std::string phaseSummaryLine(const core::PhaseGrid& g) {
    if (!g.from) return g.phase == core::Phase::Before ? "Nothing recorded before the move" : "Not begun";
    if (g.contacts == 0) return "No contact that happened";
    std::vector<std::string> used;
    for (core::Track t : kTracks)
        if (g.trackContacts[static_cast<std::size_t>(t)] > 0) used.emplace_back(core::enumDisplay(t));
    std::string line;
    if (used.size() == 3)
        line = "All three tracks";
    else if (used.size() == 1)
        line = used[0] + " only";
    else
        line = used[0] + " and " + core::lowerAscii(used[1]);
    return line + " \xC2\xB7 " + std::to_string(g.contacts) + (g.contacts == 1 ? " contact" : " contacts");
}

PhasePictureIntent drawPhasePicture(PhasePictureState& st, const PhasePictureView& v) {
    PhasePictureIntent intent;
    // A short title: it has to fit a phone-width bar at twice the type size.
    const std::string subtitle = "Relationships \xC2\xB7 " + v.youngPersonName;
    if (ui::topBar("Phases", true, subtitle.c_str())) intent.kind = PhasePictureIntent::Kind::Back;
    if (!v.picture) {
        ui::faint("Preparing the picture\xE2\x80\xA6");
        return intent;
    }
    const core::PhasePicture& pic = *v.picture;
    const Palette& p = palette();
    if (st.phase < 0 || st.phase > 2) st.phase = currentPhaseIndex(pic, v.today);
    if (!pic.hasPlacement) st.phase = 1;

    ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
    wrapped(core::phasePictureCoverage(pic));
    ImGui::PopStyleColor();
    ui::spacer(4);

    // One chip per phase: large targets, the chosen one filled.
    if (pic.hasPlacement) {
        ui::beginFlow();
        for (int i = 0; i < 3; ++i) {
            const auto& g = pic.phases[static_cast<std::size_t>(i)];
            const std::string id = "phases.phase." + std::string(core::enumKey(g.phase));
            if (ui::chip(id.c_str(), chipLabel(g.phase, true), st.phase == i)) st.phase = i;
            ui::tag(id);
        }
        ui::endFlow();
        ui::spacer(4);
    }
    const core::PhaseGrid& g = pic.phases[static_cast<std::size_t>(st.phase)];

    // What the phase says, in plain words.
    ui::beginCard();
    ui::heading(core::phaseTitle(g, pic.hasPlacement).c_str());
    ui::tag("phases.title");
    ui::muted(core::phaseDates(g));
    ui::spacer(2);
    for (std::size_t i = 0; i < g.findings.size(); ++i) {
        ui::bulletText(g.findings[i]);
    }
    ui::tag("phases.findings");
    ui::endCard();
    ui::spacer(4);
    if (!g.from) return intent;

    // The grid, one card per track: each use with its count and the people in it.
    for (core::Track t : kTracks) {
        const auto ti = static_cast<std::size_t>(t);
        const ImVec4 colour = trackColour(t);
        ui::beginCard(nullptr, &colour);
        const int n = g.trackContacts[ti];
        const std::string count =
            n == 0 ? "No contact" : std::to_string(n) + (n == 1 ? " contact" : " contacts");
        labelAndValue(std::string(core::enumDisplay(t)), &colour, count, ValueStyle::Muted);
        ui::tag("phases.track." + std::string(core::enumKey(t)));
        for (core::Use u : kUses) {
            const core::PhaseCell& c = g.at(t, u);
            ui::divider();
            labelAndValue(std::string(core::enumDisplay(u)), nullptr,
                          c.empty() ? "None" : std::to_string(c.contacts),
                          c.empty() ? ValueStyle::Faint : ValueStyle::Plain);
            ui::tag("phases.cell." + std::string(core::enumKey(t)) + "." + std::string(core::enumKey(u)));
            if (!c.people.empty()) {
                std::string who;
                for (std::size_t k = 0; k < c.people.size(); ++k)
                    who += (k ? ", " : "") + c.people[k].name +
                           (c.people.size() > 1 ? " in " + std::to_string(c.people[k].contacts) : "");
                wrapped(who, &p.textMuted);
            }
        }
        if (g.withoutUse[ti] > 0)
            ui::faint(std::to_string(g.withoutUse[ti]) +
                      (g.withoutUse[ti] == 1 ? " contact recorded no use" : " contacts recorded no use"));
        ui::endCard();
        ui::spacer(4);
    }
    ui::spacer(8);
    return intent;
}

} // namespace throughline::app
