#include "app/screens/record_screen.hpp"

#include "app/forms.hpp"

#include <imgui_internal.h>

#include "throughline/base/secure_bytes.hpp"

#include <algorithm>

namespace throughline::app {

RecordForm RecordForm::fresh(const std::string& yp, const core::Date& today, const core::TimeOfDay& now) {
    RecordForm f;
    f.youngPersonId = yp;
    f.dateText = today.display();
    f.timeText = now.hhmm();
    return f;
}

RecordForm RecordForm::fromContact(const core::ContactRecord& c) {
    RecordForm f;
    f.editingId = c.meta.id;
    f.youngPersonId = c.youngPersonId;
    f.kind = c.kind;
    f.status = c.status;
    f.cancelledBy = c.cancelledBy;
    f.participantIds = c.participantIds;
    f.dateText = c.date.display();
    f.timeText = c.startTime ? c.startTime->hhmm() : "";
    f.durationText = c.durationMinutes > 0 ? std::to_string(c.durationMinutes) : "";
    f.place = c.place;
    f.rating = c.rating;
    f.uses = c.uses;
    f.words = c.youngPersonWords;
    f.observations = c.observations;
    f.concernText = c.concernText;
    f.concernFlags = c.concernFlags;
    f.hasConcern = c.concernFlags != 0 || !c.concernText.empty();
    return f;
}

std::map<std::string, std::string> RecordForm::toFields() const {
    std::map<std::string, std::string> m;
    m["editing_id"] = editingId;
    m["young_person_id"] = youngPersonId;
    m["kind"] = std::string(core::enumKey(kind));
    m["status"] = std::string(core::enumKey(status));
    m["cancelled_by"] = std::string(core::enumKey(cancelledBy));
    std::string ids;
    for (const auto& id : participantIds)
        ids += (ids.empty() ? "" : ",") + id;
    m["participants"] = ids;
    m["date"] = dateText;
    m["time"] = timeText;
    m["duration"] = durationText;
    m["place"] = std::string(core::enumKey(place));
    m["rating"] = std::string(core::enumKey(rating));
    m["uses"] = std::to_string(uses);
    m["words"] = words;
    m["observations"] = observations;
    m["concern_text"] = concernText;
    m["concern_flags"] = std::to_string(concernFlags);
    m["has_concern"] = hasConcern ? "1" : "0";
    std::string actions;
    for (const auto& a : newActions)
        actions += a + "\n";
    m["actions"] = actions;
    m["action_text"] = actionText;
    return m;
}

RecordForm RecordForm::fromFields(const std::map<std::string, std::string>& m) {
    auto get = [&](const char* k) {
        auto it = m.find(k);
        return it == m.end() ? std::string() : it->second;
    };
    auto num = [&](const char* k) -> std::uint32_t {
        try {
            return static_cast<std::uint32_t>(std::stoul(get(k)));
        } catch (...) {
            return 0;
        }
    };
    RecordForm f;
    f.editingId = get("editing_id");
    f.youngPersonId = get("young_person_id");
    f.kind = core::enumFromKey<core::ContactKind>(get("kind")).value_or(f.kind);
    f.status = core::enumFromKey<core::ContactStatus>(get("status")).value_or(f.status);
    f.cancelledBy = core::enumFromKey<core::CancelledBy>(get("cancelled_by")).value_or(f.cancelledBy);
    std::string ids = get("participants");
    for (size_t pos = 0; pos < ids.size();) {
        size_t comma = ids.find(',', pos);
        if (comma == std::string::npos) comma = ids.size();
        if (comma > pos) f.participantIds.push_back(ids.substr(pos, comma - pos));
        pos = comma + 1;
    }
    f.dateText = get("date");
    f.timeText = get("time");
    f.durationText = get("duration");
    f.place = core::enumFromKey<core::Place>(get("place")).value_or(f.place);
    f.rating = core::enumFromKey<core::Rating>(get("rating")).value_or(f.rating);
    f.uses = num("uses");
    f.words = get("words");
    f.observations = get("observations");
    f.concernText = get("concern_text");
    f.concernFlags = num("concern_flags");
    f.hasConcern = get("has_concern") == "1";
    std::string actions = get("actions");
    for (size_t pos = 0; pos < actions.size();) {
        size_t nl = actions.find('\n', pos);
        if (nl == std::string::npos) nl = actions.size();
        if (nl > pos) f.newActions.push_back(actions.substr(pos, nl - pos));
        pos = nl + 1;
    }
    f.actionText = get("action_text");
    return f;
}

std::optional<core::ContactRecord> RecordState::toRecord(core::ContactRecord stored,
                                                         const core::Date& today) {
    error.clear();
    if (!form.applyTo(stored, today, error)) return std::nullopt;
    return stored;
}

bool RecordForm::applyTo(core::ContactRecord& c, const core::Date& today, FormError& error) const {
    auto date = parseUserDate(dateText, today);
    if (!date) {
        error.message = "The date is not one we understand. Use a date like 3/3/2026.";
        error.field = "date";
        return false;
    }
    std::optional<core::TimeOfDay> time;
    if (!timeText.empty()) {
        time = parseUserTime(timeText);
        if (!time) {
            error.message = "The time is not one we understand. Use a time like 14:05.";
            error.field = "start_time";
            return false;
        }
    }
    int duration = 0;
    if (!durationText.empty()) {
        try {
            duration = std::stoi(durationText);
        } catch (...) {
            error.message = "Duration should be a number of minutes.";
            error.field = "duration_minutes";
            return false;
        }
    }
    c.youngPersonId = youngPersonId;
    c.kind = kind;
    c.status = status;
    c.cancelledBy = status == core::ContactStatus::Cancelled ? cancelledBy : core::CancelledBy::NotRecorded;
    c.participantIds = participantIds;
    c.date = *date;
    c.startTime = time;
    c.durationMinutes = duration;
    c.place = place;
    c.rating = rating;
    c.uses = uses;
    c.youngPersonWords = words;
    c.observations = observations;
    c.concernFlags = hasConcern ? concernFlags : 0;
    c.concernText = hasConcern ? concernText : std::string();
    return true;
}

bool RecordForm::isEmpty() const {
    return participantIds.empty() && words.empty() && observations.empty() && concernText.empty() &&
           newActions.empty() && rating == core::Rating::NotRated && uses == 0;
}

void RecordForm::wipe() {
    core::wipeString(words);
    core::wipeString(observations);
    core::wipeString(concernText);
    core::wipeString(actionText);
    for (auto& a : newActions)
        core::wipeString(a);
    *this = RecordForm{};
}

namespace {} // namespace

RecordIntent drawRecord(RecordState& s, const RecordView& v) {
    RecordIntent intent;
    RecordForm& f = s.form;
    bool changed = false;
    const bool editing = !f.editingId.empty();
    const Palette& p = palette();

    if (ui::topBar(editing ? "Edit record" : "Record a contact", true, ("For " + v.youngPersonName).c_str()))
        intent.kind = RecordIntent::Kind::Cancel;

    // 1. Kind
    ui::beginCard();
    ui::heading("What kind of contact?");
    changed |= ui::enumChips("record.kind", f.kind);
    ui::endCard();
    ui::spacer(4);

    // 2. People
    ui::beginCard();
    ui::heading(f.kind == core::ContactKind::FamilyTime ? "Who was at family time?" : "Who was there?");
    if (v.people.empty()) ui::faint("Nobody is in the network yet.");
    ui::beginFlow();
    // Recent participants come first; the rest of a large network waits behind "Show everyone".
    constexpr size_t kRecentShown = 8;
    size_t shownPeople = 0;
    for (const auto& m : v.people) {
        const bool selectedHere =
            std::find(f.participantIds.begin(), f.participantIds.end(), m.meta.id) != f.participantIds.end();
        if (!s.showAllPeople && shownPeople >= kRecentShown && !selectedHere) continue;
        ++shownPeople;
        bool on =
            std::find(f.participantIds.begin(), f.participantIds.end(), m.meta.id) != f.participantIds.end();
        std::string id = "record.person." + m.meta.id;
        ImVec4 dot = trackColour(m.track);
        if (ui::chip(id.c_str(), m.name.c_str(), on, &dot)) {
            if (on)
                f.participantIds.erase(
                    std::remove(f.participantIds.begin(), f.participantIds.end(), m.meta.id),
                    f.participantIds.end());
            else
                f.participantIds.push_back(m.meta.id);
            changed = true;
        }
        ui::tag(id);
    }
    if (!s.showAllPeople && v.people.size() > shownPeople) {
        std::string more = "Show everyone (" + std::to_string(v.people.size()) + ")";
        if (ui::chip("record.show-all", more.c_str(), false)) s.showAllPeople = true;
        ui::tag("record.show-all");
    }
    if (ui::chip("record.add-person", "+ Someone new", false)) intent.kind = RecordIntent::Kind::AddPerson;
    ui::tag("record.add-person");
    ui::endFlow();
    s.error.under("participants");
    ui::endCard();
    ui::spacer(4);

    // 3. Status and when
    ui::beginCard();
    ui::heading("Did it happen?");
    changed |= ui::enumChips("record.status", f.status);
    if (f.status == core::ContactStatus::Cancelled) {
        ui::fieldLabel("Cancelled by");
        changed |= ui::enumChips("record.cancelled-by", f.cancelledBy);
    }
    ui::spacer(4);
    if (!s.editWhen) {
        auto d = parseUserDate(f.dateText, v.today);
        std::string when = d ? (*d == v.today ? std::string("Today") : d->display()) : f.dateText;
        if (!f.timeText.empty()) when += ", " + f.timeText;
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
        ImGui::TextUnformatted("When");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(when.c_str());
        ui::alignRight(ImGui::CalcTextSize("Change").x + dp(24));
        if (ui::linkButton("Change##when")) s.editWhen = true;
        ui::tag("record.when.change");
    } else {
        ui::beginSplit(0.62f);
        changed |= dateField("Date", "record.date", f.dateText, v.today, false);
        s.error.under("date");
        ui::splitNext();
        changed |= timeField("Start time", "record.time", f.timeText);
        s.error.under("start_time");
        ui::endSplit();
        changed |= ui::textField("Length in minutes (optional)", "record.duration", f.durationText, "e.g. 90",
                                 ImGuiInputTextFlags_CharsDecimal);
        s.error.under("duration_minutes");
    }
    ui::fieldLabel("Where");
    changed |= ui::enumChips("record.place", f.place);
    ui::endCard();
    ui::spacer(4);

    // 4. How it went and what it did
    if (f.status == core::ContactStatus::Happened) {
        ui::beginCard();
        ui::heading("How did it go?");
        ui::beginFlow();
        for (const auto& e : core::enumEntries<core::Rating>()) {
            if (e.value == core::Rating::NotRated) continue;
            std::string id = "record.rating." + std::string(e.key);
            if (ui::chip(id.c_str(), std::string(e.display).c_str(), f.rating == e.value)) {
                f.rating = f.rating == e.value ? core::Rating::NotRated : e.value;
                changed = true;
            }
            ui::tag(id);
        }
        ui::endFlow();
        ui::spacer(4);
        ui::heading("What did the relationship do for them?");
        changed |= ui::flagChips<core::Use>("record.use", f.uses);
        ui::endCard();
        ui::spacer(4);
    }

    // 5. The young person's own words, visibly theirs
    {
        ImVec4 bg = p.voiceSoft, stripe = p.voice;
        ui::beginCard(&bg, &stripe);
        ImGui::PushStyleColor(ImGuiCol_Text, p.voice);
        ui::heading(("In " + v.youngPersonName + "\xE2\x80\x99s own words").c_str());
        ImGui::PopStyleColor();
        ui::faint("Write what they said, as they said it. It is kept marked as theirs.");
        changed |= ui::multilineField("", "record.words", f.words, 3, "What they said, word for word");
        s.error.under("young_person_words");
        ui::endCard();
        ui::spacer(4);
    }

    // 6. Observations (optional)
    ui::beginCard();
    ui::heading("Your observations");
    changed |= ui::multilineField("", "record.observations", f.observations, 2, "Optional");
    s.error.under("observations");
    ui::endCard();
    ui::spacer(4);

    // 7. Concerns (optional)
    ui::beginCard();
    if (ui::toggle("record.concern", "Something worried me", f.hasConcern)) changed = true;
    if (f.hasConcern) {
        changed |= ui::flagChips<core::Concern>("record.concern-flag", f.concernFlags);
        changed |= ui::multilineField("What happened", "record.concern-text", f.concernText, 2,
                                      "Facts first: who, what, when");
        s.error.under("concern_text");
    }
    ui::endCard();
    ui::spacer(4);

    // 8. Follow-up actions (optional)
    ui::beginCard();
    ui::heading("Follow-up actions");
    for (size_t i = 0; i < f.newActions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("\xE2\x80\xA2");
        ImGui::SameLine();
        ImGui::PushTextWrapPos(ImGui::GetContentRegionMaxAbs().x - dp(60));
        ImGui::TextUnformatted(f.newActions[i].c_str());
        ImGui::PopTextWrapPos();
        ui::alignRight(dp(44));
        if (ui::linkButton("\xE2\x9C\x95")) { // ✕
            f.newActions.erase(f.newActions.begin() + static_cast<long>(i));
            changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    bool add = ui::textField("", "record.action-text", f.actionText, "e.g. Ask Nan about Saturday",
                             ImGuiInputTextFlags_EnterReturnsTrue);
    if (!f.actionText.empty() && (ui::secondaryButton("Add action") || add)) {
        f.newActions.push_back(f.actionText);
        f.actionText.clear();
        changed = true;
    }
    ui::tag("record.add-action");
    ui::endCard();
    ui::spacer(6);

    formBanner(s.error);
    if (ui::primaryButton(editing ? "Save changes" : "Save record")) intent.kind = RecordIntent::Kind::Save;
    ui::tag("record.save");
    if (s.draftSaved) ui::faint("Draft kept safely in the vault.");
    if (editing) {
        ui::spacer(4);
        if (ui::dangerButton("Delete record")) s.confirmDelete = true;
        ui::tag("record.delete");
    }
    ui::spacer(12);
    if (ui::confirmDialog(
            "Delete this record?", "Delete this record?",
            "It will be removed from the young person\xE2\x80\x99s records. The change log keeps a "
            "trace that it existed.",
            "Delete", s.confirmDelete))
        intent.kind = RecordIntent::Kind::Delete;
    if (ui::confirmDialog("Discard this record?", "Discard this record?", "What you have typed will be lost.",
                          "Discard", s.confirmDiscard))
        intent.kind = RecordIntent::Kind::Discard;
    intent.changed = changed;
    return intent;
}

} // namespace throughline::app
