#include "app/screens/placement_editor_screen.hpp"

#include "app/forms.hpp"

#include "throughline/records/field_values.hpp"

#include "throughline/base/secure_bytes.hpp"

namespace throughline::app {

void PlacementEditorState::wipe() {
    core::wipeString(placement.locationAddress);
    core::wipeString(placement.locationName);
    *this = PlacementEditorState{};
}

void PlacementEditorState::load(const core::Placement& p) {
    wipe();
    placement = p;
    if (!placement.meta.id.empty() && !placement.locationWithheld) {
        // However the copy was loaded, the editor starts without the location: it comes back only through
        // the audited reveal, and a save without one keeps the stored location (Store::save).
        core::wipeString(placement.locationAddress);
        core::wipeString(placement.locationName);
        placement.locationAddress.clear();
        placement.locationName.clear();
        placement.locationWithheld = true;
    }
    startText = p.start.valid() ? p.start.display() : "";
    plannedEndText = p.plannedEnd ? p.plannedEnd->display() : "";
    actualEndText = p.actualEnd ? p.actualEnd->display() : "";
    // A new placement has nothing to hide yet; an existing one starts hidden.
    locationShown = p.meta.id.empty();
    error.clear();
    confirmDelete = false;
}

DraftFields PlacementEditorState::draftFields() const {
    DraftFields f = core::fieldValues(placement);
    if (!locationShown) { // nothing of a location that was never shown (a save keeps the stored one)
        f.erase("location_address");
        f.erase("location_name");
    }
    f["_location_shown"] = locationShown ? "1" : "";
    f["_start"] = startText;
    f["_planned_end"] = plannedEndText;
    f["_actual_end"] = actualEndText;
    return f;
}

void PlacementEditorState::restoreDraft(const DraftFields& f) {
    // The location comes back only into an editor that shows it (the feature reveals it first, audited).
    DraftFields fields = f;
    if (!locationShown) {
        fields.erase("location_address");
        fields.erase("location_name");
    }
    core::setFieldValues(placement, fields);
    for (auto& [k, v] : fields)
        core::wipeString(v);
    startText = draftValue(f, "_start");
    plannedEndText = draftValue(f, "_planned_end");
    actualEndText = draftValue(f, "_actual_end");
}

std::optional<core::Placement> PlacementEditorState::toRecord(const core::Date& today) {
    error.clear();
    auto start = parseUserDate(startText, today);
    if (!start) {
        error = {"When did the placement start? Use a date like 3/3/2026.", "start"};
        return std::nullopt;
    }
    std::optional<core::Date> plannedEnd, actualEnd;
    auto opt = [&](const std::string& text, std::optional<core::Date>& out, const char* field) {
        if (text.empty()) return true;
        out = parseUserDate(text, today);
        if (!out) error = {"That date is not one we understand.", field};
        return out.has_value();
    };
    if (!opt(plannedEndText, plannedEnd, "planned_end") || !opt(actualEndText, actualEnd, "actual_end"))
        return std::nullopt;
    core::Placement p = placement;
    p.start = *start;
    p.plannedEnd = plannedEnd;
    p.actualEnd = actualEnd;
    return p;
}

PlacementEditorIntent drawPlacementEditor(PlacementEditorState& s, const core::Date& today) {
    PlacementEditorIntent intent;
    core::Placement& p = s.placement;
    const bool existing = !p.meta.id.empty();
    if (ui::topBar(existing ? "Edit placement" : "Add placement", true))
        intent.kind = PlacementEditorIntent::Kind::Back;

    ui::beginCard();
    ui::fieldLabel("Placement type");
    ui::enumCombo("##placement.type", p.type);
    s.error.under("type");
    ui::textField("Provider", "placement.provider", p.provider, "e.g. Hollybank Fostering");
    s.error.under("provider");
    ui::textField("Placement area", "placement.area", p.placementArea, "e.g. North Yorkshire");
    s.error.under("placement_area");
    ui::endCard();
    ui::spacer(4);

    ImVec4 bg = palette().warningSoft, stripe = palette().warning;
    ui::beginCard(&bg, &stripe);
    ui::heading("Confidential location");
    ui::faint("The most dangerous fact in the record. Kept off screen unless you ask to see it.");
    if (!s.locationShown) {
        if (ui::secondaryButton("Show location to edit"))
            intent.kind = PlacementEditorIntent::Kind::RevealLocation;
        ui::tag("placement.reveal");
    } else {
        ui::textField("Carer or home name", "placement.location-name", p.locationName, "");
        s.error.under("location_name");
        ui::multilineField("Address", "placement.location-address", p.locationAddress, 2, "");
        s.error.under("location_address");
    }
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    dateField("Start", "placement.start", s.startText, today, false);
    s.error.under("start");
    dateField("Planned end (optional)", "placement.planned-end", s.plannedEndText, today, true, false);
    s.error.under("planned_end");
    dateField("Ended (optional)", "placement.actual-end", s.actualEndText, today, true, false);
    s.error.under("actual_end");
    ui::fieldLabel("The plan for ending the relocation");
    ui::enumChips("placement.ending-plan", s.placement.endingPlan);
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Why they were moved");
    ui::flagChips<core::Harm>("placement.reason", p.reasons);
    ui::textField("Out-of-area reason", "placement.ooa-reason", p.outOfAreaReason, "Optional");
    s.error.under("out_of_area_reason");
    ui::endCard();
    ui::spacer(6);

    formBanner(s.error);
    if (ui::primaryButton(existing ? "Save changes" : "Add placement"))
        intent.kind = PlacementEditorIntent::Kind::Save;
    ui::tag("placement.save");
    if (existing) {
        ui::spacer(4);
        if (ui::dangerButton("Delete placement")) s.confirmDelete = true;
        ui::tag("placement.delete");
    }
    if (ui::confirmDialog("Delete placement?", "Delete this placement?", "The change log keeps a trace.",
                          "Delete", s.confirmDelete))
        intent.kind = PlacementEditorIntent::Kind::Delete;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
