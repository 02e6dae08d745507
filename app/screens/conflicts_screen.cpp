#include "app/screens/conflicts_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

#include <algorithm>
#include <map>

namespace throughline::app {

namespace {

bool isDeletion(const core::Change& c) {
    return c.field == "_deleted";
}

// "Family time on 2026-03-12" → "Family time on Thu 12 Mar 2026": dates in labels read the UK way.
std::string readableLabel(std::string label) {
    for (std::size_t i = 0; i + 10 <= label.size(); ++i) {
        if (label[i + 4] != '-' || label[i + 7] != '-') continue;
        if (auto d = core::Date::parseIso(std::string_view(label).substr(i, 10))) {
            label.replace(i, 10, d->display());
            i += 10;
        }
    }
    return label;
}

std::string whenText(const core::Change& c) {
    const auto ms = static_cast<std::int64_t>(c.hlc >> 16); // the HLC's physical part: UTC ms
    return ms > 0 ? displayInstant(ms) : std::string();
}

// One side of a conflict: a soft panel with the value, who and when.
void side(const char* label, const core::Change& c, const std::string& from, bool theirs, bool hidden) {
    const Palette& p = palette();
    ImVec4 bg = theirs ? p.accentSoft : p.surfaceAlt;
    ui::beginCard(&bg);
    ui::fieldLabel(label);
    ImGui::PushFont(fonts().bold);
    if (hidden && !isDeletion(c))
        ui::coloured("Hidden", p.textMuted);
    else if (isDeletion(c))
        ui::coloured("Deleted", p.danger);
    else if (c.value.empty())
        ui::coloured("(left empty)", p.textMuted);
    else
        ui::text(c.value);
    ImGui::PopFont();
    ui::spacer(2);
    ImGui::PushFont(fonts().small);
    ui::muted(from.empty() ? (c.author.empty() ? std::string("Unknown") : c.author) : from);
    const std::string when = whenText(c);
    if (!when.empty()) ui::faint(when);
    ImGui::PopFont();
    ui::endCard();
}

} // namespace

ConflictsIntent drawConflicts(ConflictsState& s, const ConflictsView& v) {
    ConflictsIntent intent;
    using K = ConflictsIntent::Kind;
    const Palette& p = palette();
    if (ui::topBar("Conflicts to settle", true)) intent.kind = K::Back;
    if (!s.error.empty()) {
        ui::banner(s.error, ui::Tone::Danger);
        ui::tag("conflicts.error");
        ui::spacer(2);
    }
    if (!s.message.empty()) {
        ui::banner(s.message, ui::Tone::Success);
        ui::tag("conflicts.message");
        ui::spacer(2);
    }
    const auto& all = *v.conflicts;
    if (all.empty()) {
        ui::spacer(40);
        brandMark(72);
        ui::spacer(4);
        ImGui::PushFont(fonts().title);
        ui::centredText("Nothing to settle");
        ImGui::PopFont();
        ui::tag("conflicts.empty");
        ui::spacer(2);
        ui::muted(
            "Every change received from colleagues fitted in without a clash. If the same thing is ever "
            "changed in two places, both versions wait here for you to choose.");
        return intent;
    }
    ui::muted(
        "The same thing was changed here and in a colleague\xE2\x80\x99s vault. Nothing is lost: choose "
        "which version the record keeps.");
    ui::spacer(4);

    // Group by young person, keeping the oldest-first order within each.
    std::map<std::string, std::vector<const core::sync::Conflict*>> groups;
    std::vector<std::string> order;
    for (const auto& c : all) {
        const std::string key = c.youngPersonName.empty() ? std::string("Other records") : c.youngPersonName;
        if (!groups.count(key)) order.push_back(key);
        groups[key].push_back(&c);
    }
    for (const auto& key : order) {
        ImGui::PushFont(fonts().bold);
        ui::coloured(key, p.textMuted);
        ImGui::PopFont();
        ui::spacer(2);
        for (const auto* cp : groups[key]) {
            const auto& c = *cp;
            const std::string base = "conflict." + std::to_string(c.id);
            ui::beginCard();
            const std::string label =
                c.recordLabel.empty() ? std::string(core::enumDisplay(c.kind)) : readableLabel(c.recordLabel);
            ui::heading(label.c_str());
            ui::tag(base);
            ui::muted(c.fieldLabel.empty() ? c.field : c.fieldLabel);
            ui::spacer(2);
            const bool keptDeleted = isDeletion(c.kept);
            const bool otherDeleted = isDeletion(c.other);
            // The record shows the latest write, which may be theirs: label each side by where it came from.
            const bool otherMine = !v.ownDevice.empty() && c.other.device == v.ownDevice;
            const bool keptMine = !v.ownDevice.empty() && c.kept.device == v.ownDevice;
            // Side by side when each has room (a phone at 100 %, any wide window), else one above the other.
            const char* keptTitle = keptMine ? "SHOWN NOW \xC2\xB7 YOURS" : "SHOWN NOW \xC2\xB7 THEIRS";
            const char* otherTitle = otherMine ? "YOURS" : "THEIRS";
            const bool hidden = c.valuesHidden;
            if (ImGui::GetContentRegionAvail().x * 0.5f >= dp(150)) {
                ui::beginSplit(0.5f);
                side(keptTitle, c.kept, c.keptFrom, false, hidden);
                ui::splitNext();
                side(otherTitle, c.other, c.otherFrom, true, hidden);
                ui::endSplit();
            } else {
                side(keptTitle, c.kept, c.keptFrom, false, hidden);
                ui::spacer(2);
                side(otherTitle, c.other, c.otherFrom, true, hidden);
            }
            ui::spacer(2);
            ImGui::PushID(base.c_str());
            if (hidden) {
                // The values are the placement's confidential location or provider: shown only on request,
                // and the request is written to the audit trail before they arrive.
                ui::faint(std::string(
                              "Confidential: kept off screen. Showing it is recorded in the audit trail. You "
                              "can settle without seeing it: \xE2\x80\x9C") +
                          (keptDeleted ? "Keep it deleted" : "Keep this") +
                          "\xE2\x80\x9D keeps what the record has now.");
                if (ui::secondaryButton("Reveal")) {
                    intent.kind = K::Reveal;
                    intent.id = c.id;
                }
                ui::tag(base + ".reveal");
                ui::spacer(2);
            } else if (s.revealed.count(c.id)) {
                if (ui::linkButton("Hide again")) {
                    intent.kind = K::Hide;
                    intent.id = c.id;
                }
                ui::tag(base + ".hide");
            }
            ImGui::PopID();
            const char* keepLabel = keptDeleted ? "Keep it deleted" : "Keep this";
            const char* takeLabel = keptDeleted
                                        ? (otherMine ? "Restore with your edit" : "Restore with their edit")
                                    : otherDeleted ? (otherMine ? "Delete it" : "Delete it, as they did")
                                    : otherMine    ? "Use yours"
                                                   : "Use theirs";
            // Side by side when both labels fit, else one above the other: never a clipped label.
            const float bw = ui::pairButtonWidth({keepLabel, takeLabel});
            const bool stacked = bw <= 0;
            ImGui::PushID(base.c_str());
            if (ui::secondaryButton(keepLabel, bw)) {
                intent.kind = K::Settle;
                intent.id = c.id;
                intent.choice = core::sync::Settle::KeepShown;
            }
            ui::tag(base + ".keep");
            if (!stacked) ImGui::SameLine();
            if (ui::primaryButton(takeLabel, bw)) {
                intent.kind = K::Settle;
                intent.id = c.id;
                intent.choice = core::sync::Settle::TakeOther;
            }
            ui::tag(base + ".take");
            ImGui::PopID();
            ui::endCard();
            ui::spacer(4);
        }
    }
    ui::spacer(8);
    return intent;
}

} // namespace throughline::app
