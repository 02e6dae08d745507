#include "app/screens/home_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"
#include "app/screens/phase_picture_screen.hpp"

#include <algorithm>

namespace throughline::app {

std::string contactTitle(const core::ContactRecord& c, const std::map<std::string, std::string>& names) {
    std::string t(core::enumDisplay(c.kind));
    std::vector<std::string> who;
    for (const auto& id : c.participantIds)
        if (auto it = names.find(id); it != names.end()) who.push_back(it->second);
    if (!who.empty()) {
        t += " with ";
        for (size_t i = 0; i < who.size(); ++i) {
            if (i > 0) t += i + 1 == who.size() ? " and " : ", ";
            t += who[i];
        }
    }
    return t;
}

namespace {

void sectionHeader(const char* text, const char* actionId = nullptr, const char* actionLabel = nullptr,
                   bool* action = nullptr) {
    ImGui::PushFont(fonts().bold);
    const float actionW = actionLabel ? ImGui::CalcTextSize(actionLabel).x + dp(12) : 0;
    // A heading and its action that do not fit one line (narrow window, large type): the action goes under.
    const bool oneLine =
        ImGui::CalcTextSize(text).x + actionW + dp(16) <= ImGui::GetContentRegionAvail().x || !actionLabel;
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (actionLabel) {
        if (oneLine) ui::alignRight(actionW);
        ImGui::PushID(actionId);
        if (ui::linkButton(actionLabel)) *action = true;
        ImGui::PopID();
        ui::tag(actionId);
    }
}

ui::Tone severityTone(core::Severity s) {
    return s == core::Severity::Serious   ? ui::Tone::Danger
           : s == core::Severity::Warning ? ui::Tone::Warning
                                          : ui::Tone::Info;
}

// The Gaps card: every current alert, most serious first; tapping one shows its evidence.
void drawGaps(HomeState& s, const std::vector<GapCard>& gaps, HomeIntent& intent) {
    ui::beginCard();
    ui::heading("Gaps and silences");
    ui::tag("home.gaps");
    if (gaps.empty()) {
        ui::faint("Nothing stands out: every track has been used recently and nothing is overdue.");
        ui::endCard();
        ui::spacer(4);
        return;
    }
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        const auto& g = gaps[i];
        const bool open = s.openGap == static_cast<int>(i);
        ui::Row row;
        row.title = g.gap.title;
        row.subtitle = g.about;
        row.dot = toneColour(severityTone(g.gap.severity));
        row.badges.push_back({std::string(core::enumDisplay(g.gap.severity)), severityTone(g.gap.severity)});
        row.chevron = true;
        const std::string id = "home.gap." + std::to_string(i);
        if (ui::listRow(id.c_str(), row)) s.openGap = open ? -1 : static_cast<int>(i);
        if (!open) continue;
        ImGui::Indent(dp(12));
        ImGui::PushTextWrapPos(0);
        ui::text(g.gap.explanation);
        ImGui::PopTextWrapPos();
        if (!g.evidence.empty()) ui::fieldLabel("The records behind it");
        for (const auto& e : g.evidence) {
            ui::Row er;
            er.title = e.title;
            er.subtitle = e.subtitle;
            const std::string eid = "home.evidence." + e.id;
            if (ui::listRow(eid.c_str(), er)) {
                intent.kind = HomeIntent::Kind::OpenEvidence;
                intent.id = e.id;
                intent.evidenceKind = e.kind;
            }
        }
        ImGui::Unindent(dp(12));
    }
    ui::endCard();
    ui::spacer(4);
}

// The relational picture per phase in three rows (before, during, ending); a row opens that phase's grid.
void drawPhases(const core::PhasePicture& pic, const core::Date& today, HomeIntent& intent) {
    ui::beginCard();
    bool open = false;
    sectionHeader("Relationships per phase", "home.phases", "Open", &open);
    if (open) {
        intent.kind = HomeIntent::Kind::OpenPhasePicture;
        intent.id.clear();
    }
    ui::faint("Which tracks were used for what, before the move, during it and as it ends.");
    const int current = currentPhaseIndex(pic, today);
    for (int i = 0; i < 3; ++i) {
        const core::PhaseGrid& g = pic.phases[static_cast<std::size_t>(i)];
        if (!pic.hasPlacement && g.phase != core::Phase::During) continue;
        ui::Row row;
        row.title = core::phaseTitle(g, pic.hasPlacement);
        row.subtitle = phaseSummaryLine(g);
        if (i == current && pic.hasPlacement) row.trailing = "Now";
        int used = 0;
        for (int t : g.trackContacts)
            used += t > 0 ? 1 : 0;
        if (used == 1) row.badges.push_back({"One track", ui::Tone::Warning}); // the silo, said out loud
        const std::string id = "home.phase." + std::string(core::enumKey(g.phase));
        if (ui::listRow(id.c_str(), row)) {
            intent.kind = HomeIntent::Kind::OpenPhasePicture;
            intent.id = std::to_string(i);
        }
    }
    ui::endCard();
    ui::spacer(4);
}

std::string dateRange(const core::Placement& p, const core::Date& today) {
    std::string s = "Since " + p.start.display();
    auto days = today.toDays() - p.start.toDays();
    if (days >= 0) s += " (" + std::to_string(days) + (days == 1 ? " day)" : " days)");
    return s;
}

} // namespace

HomeIntent drawHome(HomeState& s, const HomeView& v) {
    HomeIntent intent;
    const core::HomeData& d = *v.data;
    const Palette& p = palette();
    std::map<std::string, std::string> names;
    for (const auto& m : d.network)
        names[m.member.meta.id] = m.member.name;

    if (ui::topBar(d.person.shownName().c_str(), v.showBack)) intent.kind = HomeIntent::Kind::Back;

    // --- Who
    ui::beginCard();
    {
        // Side by side when there is room for the details beside the avatar, else the avatar above them.
        const bool beside = ImGui::GetContentRegionAvail().x >= dp(56 + 14 + 220);
        ui::avatar(d.person.shownName(), dp(56));
        if (beside) ImGui::SameLine(0, dp(14));
        ImGui::BeginGroup();
        ui::heading(d.person.name.c_str());
        std::string line;
        if (d.person.dateOfBirth) line = std::to_string(ageOn(*d.person.dateOfBirth, v.today)) + " years";
        if (!d.person.pronouns.empty()) line += (line.empty() ? "" : " \xC2\xB7 ") + d.person.pronouns;
        if (!d.person.caseReference.empty())
            line += (line.empty() ? "" : " \xC2\xB7 ") + d.person.caseReference;
        if (!line.empty()) ui::muted(line);
        if (!d.person.homeAuthority.empty()) ui::faint("Home authority: " + d.person.homeAuthority);
        ImGui::EndGroup();
        ui::spacer(2);
        // The two buttons share a line while both labels fit half of it, else one under the other.
        const float bw = ui::pairButtonWidth({"Record a contact", "Edit details"});
        if (ui::primaryButton("Record a contact", bw)) intent.kind = HomeIntent::Kind::RecordContact;
        ui::tag("home.record");
        if (bw > 0) ImGui::SameLine();
        if (ui::secondaryButton("Edit details", bw)) intent.kind = HomeIntent::Kind::EditPerson;
        ui::tag("home.edit-person");
        if (ui::linkButton("Present in a meeting")) intent.kind = HomeIntent::Kind::Present;
        ui::tag("home.present");
        if (ui::linkButton("Export everything held")) intent.kind = HomeIntent::Kind::ExportEverything;
        ui::tag("home.export-everything");
        ui::muted("For a subject access request from the young person or their representative.");
    }
    ui::endCard();
    ui::spacer(4);

    // --- Gaps and silences
    if (v.gaps) drawGaps(s, *v.gaps, intent);

    // --- Relationships per phase
    if (v.phases) drawPhases(*v.phases, v.today, intent);

    // --- Safety plan
    if (v.pictureReady) {
        ui::beginCard();
        bool edit = false;
        sectionHeader("Safety plan", "home.safety-plan", v.safetyPlan ? "Update" : "Write one", &edit);
        if (edit) intent.kind = HomeIntent::Kind::OpenSafetyPlan;
        if (const core::SafetyPlan* sp = v.safetyPlan) {
            std::string line = "Version " + std::to_string(sp->version);
            if (sp->reviewDate) line += " \xC2\xB7 review by " + sp->reviewDate->display();
            ui::text(line);
            if (sp->reviewDate && *sp->reviewDate < v.today) ui::badge("Review overdue", ui::Tone::Warning);
            ui::faint(
                std::string(sp->youngPersonContributed ? "They helped write it" : "Written without them") +
                " \xC2\xB7 " + (sp->youngPersonAgrees ? "they agree with it" : "they do not agree yet") +
                " \xC2\xB7 " + std::to_string(sp->peopleIds.size()) + " people to turn to");
        } else {
            ui::faint("No safety plan yet. Write it with them, in their words.");
        }
        ui::endCard();
        ui::spacer(4);
    }

    // --- Placement
    ui::beginCard();
    {
        bool edit = false;
        sectionHeader("Placement", "home.edit-placement", d.currentPlacement ? "Edit" : nullptr, &edit);
        if (edit) intent.kind = HomeIntent::Kind::EditPlacement;
        if (d.currentPlacement) {
            const core::Placement& pl = *d.currentPlacement;
            ui::text(std::string(core::enumDisplay(pl.type)) + " (" +
                     std::string(core::placementCode(pl.type)) + ")");
            std::string where = pl.placementArea;
            if (!pl.provider.empty()) where += (where.empty() ? "" : " \xC2\xB7 ") + pl.provider;
            if (!where.empty()) ui::muted(where);
            ui::muted(dateRange(pl, v.today));
            if (pl.plannedEnd) ui::faint("Planned end " + pl.plannedEnd->display());
            ui::spacer(4);
            ImVec4 lockBg = s.revealedLocation ? p.warningSoft : p.surfaceAlt;
            ui::beginCard(&lockBg);
            if (!s.revealedLocation) {
                const char* label = "Reveal";
                const float bw = ImGui::CalcTextSize(label).x + dp(40);
                ImGui::PushFont(fonts().bold);
                // "Reveal" beside the heading when both fit the line, else under it.
                const bool oneLine = ImGui::CalcTextSize("Location hidden").x + bw + dp(12) <=
                                     ImGui::GetContentRegionAvail().x;
                ImGui::PopFont();
                ImGui::AlignTextToFramePadding();
                ui::heading("Location hidden");
                if (oneLine) ui::alignRight(bw);
                if (ui::secondaryButton(label, bw)) intent.kind = HomeIntent::Kind::RevealLocation;
                ui::tag("home.reveal");
                ui::faint("Address and carer are kept off screen. Revealing is recorded in the audit trail.");
            } else {
                ImGui::PushFont(fonts().bold);
                const core::ConfidentialLocation& loc = *s.revealedLocation;
                ui::text(loc.name.empty() ? std::string("(no name recorded)") : loc.name);
                ImGui::PopFont();
                ui::text(loc.address.empty() ? std::string("(no address recorded)") : loc.address);
                ui::tag("home.location");
                ui::faint("You viewed this just now; it was recorded in the audit trail.");
                if (ui::secondaryButton("Hide location")) intent.kind = HomeIntent::Kind::HideLocation;
                ui::tag("home.hide");
            }
            ui::endCard();
        } else {
            ui::muted("No current placement recorded.");
            if (ui::secondaryButton("Add placement")) intent.kind = HomeIntent::Kind::AddPlacement;
            ui::tag("home.add-placement");
        }
    }
    ui::endCard();
    ui::spacer(4);

    // --- Network by track
    ui::beginCard();
    {
        bool add = false;
        sectionHeader("Network", "home.add-member", "Add", &add);
        if (add) intent.kind = HomeIntent::Kind::AddMember;
        for (const auto& t : core::enumEntries<core::Track>()) {
            int count = 0;
            std::optional<core::Date> latest;
            for (const auto& m : d.network)
                if (m.member.track == t.value) {
                    ++count;
                    if (m.lastContact && (!latest || *m.lastContact > *latest)) latest = m.lastContact;
                }
            ui::spacer(4);
            ImVec2 o = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddCircleFilled(
                ImVec2(o.x + dp(6), o.y + ImGui::GetTextLineHeight() * 0.55f), dp(6),
                toU32(trackColour(t.value)));
            ImGui::SetCursorScreenPos(ImVec2(o.x + dp(20), o.y));
            ImGui::PushStyleColor(ImGuiCol_Text, trackColour(t.value));
            ui::heading(std::string(t.display).c_str());
            ImGui::PopStyleColor();
            if (count == 0) {
                ui::faint("Nobody recorded on this track yet.");
                continue;
            }
            if (!latest)
                ui::coloured("No contact recorded on this track.", p.warning);
            else if (v.today.toDays() - latest->toDays() > 28)
                ui::coloured("Silent for " + std::to_string(v.today.toDays() - latest->toDays()) + " days.",
                             p.warning);
            // The three most recently used relationships per track; the Network tab has everyone.
            std::vector<const core::MemberContact*> onTrack;
            for (const auto& m : d.network)
                if (m.member.track == t.value) onTrack.push_back(&m);
            std::stable_sort(onTrack.begin(), onTrack.end(), [](const auto* a, const auto* b) {
                return a->lastContact.value_or(core::Date{}) > b->lastContact.value_or(core::Date{});
            });
            constexpr size_t kPerTrack = 3;
            for (size_t k = 0; k < onTrack.size() && k < kPerTrack; ++k) {
                const core::MemberContact& m = *onTrack[k];
                ui::Row row;
                row.title = m.member.name;
                row.subtitle = std::string(core::enumDisplay(m.member.role)) + " \xC2\xB7 " +
                               std::string(core::enumDisplay(m.member.place));
                row.trailing = lastContactText(m.lastContact, v.today);
                if (!m.lastContact) row.trailingColour = p.textFaint;
                row.dot = toneColour(viewTone(m.member.workerView));
                if (m.member.workerView == core::View::NotKnown) row.dot = p.border;
                if (m.member.arrangement != core::Arrangement::Encouraged)
                    row.badges.push_back({std::string(core::enumDisplay(m.member.arrangement)),
                                          m.member.arrangement == core::Arrangement::Supervised
                                              ? ui::Tone::Info
                                              : ui::Tone::Danger});
                std::string id = "home.member." + m.member.meta.id;
                if (ui::listRow(id.c_str(), row)) {
                    intent.kind = HomeIntent::Kind::OpenMember;
                    intent.id = m.member.meta.id;
                }
            }
            if (onTrack.size() > kPerTrack) {
                std::string more = std::to_string(onTrack.size() - kPerTrack) + " more on this track";
                std::string id = std::string("home.more.") + std::string(t.key);
                ImGui::PushID(id.c_str());
                if (ui::linkButton(more.c_str())) intent.kind = HomeIntent::Kind::OpenNetwork;
                ImGui::PopID();
            }
        }
    }
    ui::endCard();
    ui::spacer(4);

    // --- Recent records
    ui::beginCard();
    {
        ui::heading("Recent records");
        if (d.recentContacts.empty()) ui::faint("Nothing recorded yet.");
        int n = 0;
        for (const auto& c : d.recentContacts) {
            if (n++ >= 6) break;
            ui::Row row;
            row.title = contactTitle(c, names);
            row.subtitle = c.date.display();
            if (c.startTime) row.subtitle += ", " + c.startTime->hhmm();
            if (c.status != core::ContactStatus::Happened)
                row.badges.push_back({std::string(core::enumDisplay(c.status)), ui::Tone::Warning});
            if (!c.youngPersonWords.empty()) row.badges.push_back({"Their words", ui::Tone::Voice});
            if (c.concernFlags != 0 || !c.concernText.empty())
                row.badges.push_back({"Concern", ui::Tone::Danger});
            if (c.rating != core::Rating::NotRated) row.trailing = std::string(core::enumDisplay(c.rating));
            std::string id = "home.contact." + c.meta.id;
            if (ui::listRow(id.c_str(), row)) {
                intent.kind = HomeIntent::Kind::OpenContact;
                intent.id = c.meta.id;
            }
        }
    }
    ui::endCard();
    ui::spacer(4);

    // --- Missing episodes
    ui::beginCard();
    {
        bool add = false;
        sectionHeader("Missing from placement", "home.add-missing", "Add", &add);
        if (add) intent.kind = HomeIntent::Kind::AddMissing;
        if (d.missingEpisodes.empty()) ui::faint("No missing episodes recorded.");
        for (const auto& m : d.missingEpisodes) {
            ui::Row row;
            row.title = std::string(core::enumDisplay(m.kind)) + " \xC2\xB7 " + displayInstant(m.startedAt);
            if (!m.endedAt) {
                row.badges.push_back({"Still missing", ui::Tone::Danger});
            } else {
                auto hours = (*m.endedAt - m.startedAt) / 3600000;
                row.subtitle = hours < 48 ? std::to_string(hours) + (hours == 1 ? " hour" : " hours")
                                          : std::to_string(hours / 24) + " days";
                if (m.interviewOffered)
                    row.subtitle += m.interviewAccepted ? " \xC2\xB7 return interview done"
                                                        : " \xC2\xB7 interview offered";
            }
            std::string id = "home.missing." + m.meta.id;
            if (ui::listRow(id.c_str(), row)) {
                intent.kind = HomeIntent::Kind::OpenMissing;
                intent.id = m.meta.id;
            }
        }
    }
    ui::endCard();
    ui::spacer(4);

    // --- Open actions
    ui::beginCard();
    {
        ui::heading("Open actions");
        if (d.openActions.empty()) ui::faint("No open actions.");
        for (const auto& a : d.openActions) {
            bool done = a.done;
            std::string id = "home.action." + a.meta.id;
            std::string label = a.description;
            if (a.due) label += "  \xC2\xB7 due " + a.due->display();
            if (ui::toggle(id.c_str(), label.c_str(), done)) {
                intent.kind = HomeIntent::Kind::ToggleAction;
                intent.id = a.meta.id;
            }
        }
    }
    ui::endCard();
    ui::spacer(8);
    return intent;
}

} // namespace throughline::app
