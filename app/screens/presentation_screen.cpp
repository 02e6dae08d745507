#include "app/screens/presentation_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"
#include "app/screens/network_map_view.hpp"

#include <algorithm>

namespace throughline::app {

namespace {

constexpr const char* kPages[] = {
    "The young person",     "Who is around them", "Relationships per phase", "Gaps and silences",
    "In their own words",   "Safety plan",        "Missing and concerns",    "Actions",
    "Ending the relocation"};
constexpr int kPageCount = static_cast<int>(sizeof(kPages) / sizeof(kPages[0]));
constexpr float kTextScale = 1.3f; // large type for a room

std::string dateOr(const std::optional<core::Date>& d, const char* none = "not recorded") {
    return d ? d->display() : std::string(none);
}

void bigText(const std::string& s) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
}

void factRow(const char* label, const std::string& value) {
    ui::muted(label);
    bigText(value);
    ui::spacer(2);
}

void pagePerson(const core::HandoverSummary& s) {
    std::string who = s.name;
    if (!s.preferredName.empty()) who += " (" + s.preferredName + ")";
    ui::title(who.c_str());
    std::string line;
    if (s.ageAtEnd) line = std::to_string(*s.ageAtEnd) + (*s.ageAtEnd == 1 ? " year" : " years");
    if (!s.pronouns.empty()) line += (line.empty() ? "" : " \xC2\xB7 ") + s.pronouns;
    if (!line.empty()) ui::muted(line);
    ui::spacer(6);
    factRow("Period", s.period.from.display() + " to " + s.period.to.display() + " (" +
                          core::daysText(s.period.days()) + ")");
    factRow("Home local authority", s.homeAuthority.empty() ? "not recorded" : s.homeAuthority);
    if (s.placement.present) {
        factRow("Placement", std::string(core::enumDisplay(s.placement.type)) + " (" +
                                 std::string(core::placementCode(s.placement.type)) + ") in " +
                                 s.placement.placementArea);
        factRow("Since",
                s.placement.start.display() + " (" + core::daysText(s.placement.daysInPlacement) + ")");
        std::string reasons;
        for (auto h : s.placement.reasons)
            reasons += (reasons.empty() ? "" : ", ") + std::string(core::enumDisplay(h));
        if (!reasons.empty()) factRow("Why they moved", reasons);
        factRow("Location", "Withheld in presentation mode");
    } else {
        factRow("Placement", "No placement recorded");
    }
    factRow("Contacts in the period", std::to_string(s.contactsInPeriod) + " happened, " +
                                          std::to_string(s.contactsNotHappened) + " did not");
    // Where the records come from, when some were written in a colleague's vault.
    bool elsewhere = false;
    for (const auto& src : s.sources)
        elsewhere |= src.kind != core::SourceKind::ThisVault && src.counts.total() > 0;
    if (!elsewhere) return;
    ui::spacer(4);
    ui::muted("Where these records come from");
    for (const auto& src : s.sources) {
        if (src.counts.total() == 0) continue;
        std::string line;
        switch (src.kind) {
        case core::SourceKind::ThisVault:
            line = "This vault";
            break;
        case core::SourceKind::Contact:
            line = src.name + "'s vault";
            break;
        case core::SourceKind::UnknownDevice:
            line = "A vault that is no longer a contact";
            break;
        }
        if (!src.organisation.empty()) line += " (" + src.organisation + ")";
        line += ": " + std::to_string(src.counts.total()) + " records";
        ui::bulletText(line);
        if (!src.verified)
            ui::coloured("    Not verified: compare the fingerprint before relying on these.",
                         palette().danger);
    }
}

void pageNetwork(const core::HandoverSummary& s, const core::NetworkMap* map) {
    if (map && !map->nodes.empty()) {
        (void)drawNetworkMap(*map, {}, dp(520));
        drawMapLegend();
        ui::spacer(6);
    }
    for (const auto& t : s.tracks) {
        ImGui::PushStyleColor(ImGuiCol_Text, trackColour(t.track));
        ui::heading(std::string(core::enumDisplay(t.track)).c_str());
        ImGui::PopStyleColor();
        for (const auto& l : t.lines)
            ui::bulletText(l);
        ui::spacer(4);
    }
}

// The relational picture per phase: for each phase its dates, a track x use grid and what it says.
void pagePhases(const core::HandoverSummary& s) {
    const core::PhasePicture& pic = s.phasePicture;
    if (!s.phasePictureAvailable) {
        bigText("The relational picture per phase is not part of this summary.");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette().textMuted);
    bigText(core::phasePictureCoverage(pic));
    ImGui::PopStyleColor();
    ui::spacer(4);
    constexpr core::Track tracks[] = {core::Track::Practitioner, core::Track::Family,
                                      core::Track::PeerCommunity};
    constexpr core::Use uses[] = {core::Use::Consistency, core::Use::Collaboration, core::Use::Safety};
    for (const auto& g : pic.phases) {
        if (!pic.hasPlacement && g.phase != core::Phase::During) continue;
        ui::heading(core::phaseTitle(g, pic.hasPlacement).c_str());
        ui::muted(core::phaseDates(g));
        // A phone-width window has no room for four columns of names: each track then reads as a list of its
        // uses, as the Phases screen shows it.
        const bool narrow = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 36;
        if (g.from && narrow) {
            for (auto t : tracks) {
                ui::spacer(2);
                ImGui::PushStyleColor(ImGuiCol_Text, trackColour(t));
                bigText(std::string(core::enumDisplay(t)));
                ImGui::PopStyleColor();
                for (auto u : uses) {
                    const core::PhaseCell& c = g.at(t, u);
                    const std::string line = std::string(core::enumDisplay(u)) + ": " +
                                             (c.empty() ? std::string("none") : core::phaseCellText(c));
                    if (c.empty()) ImGui::PushStyleColor(ImGuiCol_Text, palette().textMuted);
                    bigText(line);
                    if (c.empty()) ImGui::PopStyleColor();
                }
            }
            ui::tag("present.phase." + std::string(core::enumKey(g.phase)));
            ui::spacer(4);
        } else if (g.from) {
            const std::string id = "present.phase." + std::string(core::enumKey(g.phase));
            if (ImGui::BeginTable(id.c_str(), 4,
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame |
                                      ImGuiTableFlags_PadOuterX)) {
                ImGui::TableSetupColumn("Track");
                for (auto u : uses)
                    ImGui::TableSetupColumn(std::string(core::enumDisplay(u)).c_str());
                ImGui::TableHeadersRow();
                for (auto t : tracks) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::PushStyleColor(ImGuiCol_Text, trackColour(t));
                    bigText(std::string(core::enumDisplay(t)));
                    ImGui::PopStyleColor();
                    for (auto u : uses) {
                        ImGui::TableNextColumn();
                        const core::PhaseCell& c = g.at(t, u);
                        if (c.empty()) {
                            ImGui::PushStyleColor(ImGuiCol_Text, palette().textFaint);
                            bigText("None");
                            ImGui::PopStyleColor();
                        } else {
                            bigText(core::phaseCellText(c));
                        }
                    }
                }
                ImGui::EndTable();
            }
            ui::tag(id);
        }
        for (const auto& f : g.findings)
            ui::bulletText(f);
        ui::spacer(8);
    }
}

void pageGaps(const core::HandoverSummary& s) {
    if (s.gaps.empty()) {
        bigText("No gaps or silences stand out in this period.");
        return;
    }
    for (const auto& g : s.gaps) {
        const ui::Tone tone = g.severity == "serious"   ? ui::Tone::Danger
                              : g.severity == "warning" ? ui::Tone::Warning
                                                        : ui::Tone::Info;
        ImGui::PushStyleColor(ImGuiCol_Text, toneColour(tone));
        ui::heading(g.title.c_str());
        ImGui::PopStyleColor();
        bigText(g.explanation);
        ui::spacer(6);
    }
}

void pageVoice(const core::HandoverSummary& s) {
    if (s.voice.empty()) {
        bigText("No words of the young person were recorded in this period.");
        return;
    }
    const Palette& p = palette();
    const int shown = std::min<int>(static_cast<int>(s.voice.size()), 8);
    for (int i = 0; i < shown; ++i) {
        const auto& v = s.voice[static_cast<std::size_t>(i)];
        ImVec4 bg = p.voiceSoft, stripe = p.voice;
        ui::beginCard(&bg, &stripe);
        bigText(quotedWords(v.words));
        std::string when = v.date.display() + " \xC2\xB7 " + v.context;
        if (v.origin.elsewhere)
            when += " \xC2\xB7 recorded by " + v.origin.author +
                    (v.origin.organisation.empty() ? std::string() : ", " + v.origin.organisation);
        ui::faint(when);
        ui::endCard();
        ui::spacer(4);
    }
    if (static_cast<int>(s.voice.size()) > shown)
        ui::faint("And " + std::to_string(s.voice.size() - static_cast<std::size_t>(shown)) +
                  " more in the written summary.");
}

void list(const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    ui::heading(label);
    for (const auto& i : items)
        ui::bulletText(i);
    ui::spacer(4);
}

void pageSafetyPlan(const core::HandoverSummary& s) {
    const auto& sp = s.safetyPlan;
    if (!sp.present) {
        bigText("No safety plan has been recorded.");
        return;
    }
    ui::muted("Version " + std::to_string(sp.version) + " \xC2\xB7 review " + dateOr(sp.reviewDue) +
              (sp.reviewOverdue ? " (overdue)" : ""));
    ui::muted(std::string(sp.youngPersonHelpedWrite ? "They helped write it" : "They did not help write it") +
              " \xC2\xB7 " + (sp.youngPersonAgrees ? "they agree with it" : "they do not agree with it yet"));
    ui::spacer(4);
    list("People I can turn to", sp.peopleToTurnTo);
    list("Places I feel safe", sp.safePlaces);
    list("Places I feel unsafe", sp.unsafePlaces);
    list("What helps when things get hard", sp.whatHelps);
    list("What I have agreed to", sp.youngPersonAgreed);
    list("What the adults have agreed to", sp.adultsAgreed);
    list("What changed since the last version", sp.changes);
}

void pageMissing(const core::HandoverSummary& s) {
    if (s.missing.empty() && s.concerns.empty()) {
        bigText("No missing episodes or concerns were recorded in this period.");
        return;
    }
    if (!s.missing.empty()) {
        ui::heading("Missing episodes");
        for (const auto& m : s.missing) {
            std::string line = std::string(core::enumDisplay(m.kind)) + " from " +
                               core::isoInstant(m.startedAt).substr(0, 10);
            line += m.endedAt ? ", back " + core::isoInstant(*m.endedAt).substr(0, 10) : ", not yet back";
            line += m.interviewOffered
                        ? (m.interviewAccepted ? "; return interview accepted" : "; return interview offered")
                        : "; no return interview offered";
            ui::bulletText(line);
        }
        ui::spacer(6);
    }
    if (!s.concerns.empty()) {
        ui::heading("Concerns");
        for (const auto& c : s.concerns) {
            std::string flags;
            for (auto f : c.flags)
                flags += (flags.empty() ? "" : ", ") + std::string(core::enumDisplay(f));
            ui::bulletText(c.date.display() + ": " + (flags.empty() ? "" : flags + ". ") + c.text);
        }
    }
}

void pageActions(const core::HandoverSummary& s) {
    if (s.openActions.empty()) {
        bigText("No open actions.");
        return;
    }
    if (s.overdueActions > 0) ui::banner(std::to_string(s.overdueActions) + " overdue", ui::Tone::Warning);
    for (const auto& a : s.openActions)
        ui::bulletText(a.description + " \xE2\x80\x93 " + a.owner +
                       (a.due ? ", due " + a.due->display() : "") + (a.overdue ? " (overdue)" : ""));
}

void pageEnding(const core::HandoverSummary& s) {
    const auto& e = s.ending;
    const char* direction = e.direction == "return_home" ? "Return to the home area"
                            : e.direction == "settle"    ? "Settle where placed"
                                                         : "Not yet decided or recorded";
    factRow("Plan", direction);
    factRow("Planned end",
            dateOr(e.plannedEnd) +
                (e.daysToPlannedEnd ? " (in " + core::daysText(*e.daysToPlannedEnd) + ")" : ""));
    for (const auto& l : e.lines)
        ui::bulletText(l);
}

} // namespace

int presentationPageCount() {
    return kPageCount;
}

PresentationIntent drawPresentation(PresentationState& st, const PresentationView& v) {
    PresentationIntent intent;
    st.page = std::clamp(st.page, 0, kPageCount - 1);
    if (ui::topBar(kPages[st.page], true, "Handover \xC2\xB7 presentation"))
        intent.kind = PresentationIntent::Kind::Close;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && !ImGui::GetIO().WantTextInput)
        st.page = std::min(st.page + 1, kPageCount - 1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && !ImGui::GetIO().WantTextInput)
        st.page = std::max(st.page - 1, 0);
    if (!v.summary) {
        ui::faint("Preparing the summary\xE2\x80\xA6");
        return intent;
    }
    const core::HandoverSummary& s = v.summary->model();

    // Page dots: where we are, and a tap target per page.
    ui::beginFlow();
    for (int i = 0; i < kPageCount; ++i) {
        const std::string id = "present.page." + std::to_string(i);
        if (ui::chip(id.c_str(), std::to_string(i + 1).c_str(), st.page == i)) st.page = i;
        ui::tag(id);
    }
    ui::endFlow();
    ui::spacer(4);

    ui::beginCard();
    ImGui::SetWindowFontScale(kTextScale);
    ui::tag("present.body");
    switch (st.page) {
    case 0:
        pagePerson(s);
        break;
    case 1:
        pageNetwork(s, v.map);
        break;
    case 2:
        pagePhases(s);
        break;
    case 3:
        pageGaps(s);
        break;
    case 4:
        pageVoice(s);
        break;
    case 5:
        pageSafetyPlan(s);
        break;
    case 6:
        pageMissing(s);
        break;
    case 7:
        pageActions(s);
        break;
    default:
        pageEnding(s);
        break;
    }
    ImGui::SetWindowFontScale(1.f);
    ui::endCard();
    ui::spacer(6);

    const float bw = ui::pairButtonWidth({"Previous", "Next"});
    ImGui::BeginDisabled(st.page == 0);
    if (ui::secondaryButton("Previous", bw)) st.page = std::max(st.page - 1, 0);
    ui::tag("present.previous");
    ImGui::EndDisabled();
    if (bw > 0) ImGui::SameLine();
    ImGui::BeginDisabled(st.page == kPageCount - 1);
    if (ui::primaryButton("Next", bw)) st.page = std::min(st.page + 1, kPageCount - 1);
    ui::tag("present.next");
    ImGui::EndDisabled();
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
