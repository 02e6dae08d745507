#include "app/screens/subject_access_screen.hpp"

#include <algorithm>

#include "app/widgets.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <imgui.h>

namespace throughline::app {

namespace {

constexpr const char* kBases[] = {"Not withheld", "Serious harm", "Crime prevention", "Third party"};

core::WithholdBasis basisOf(int choice) {
    switch (choice) {
    case 1:
        return core::WithholdBasis::SeriousHarm;
    case 2:
        return core::WithholdBasis::CrimePrevention;
    default:
        return core::WithholdBasis::ThirdParty;
    }
}

} // namespace

std::vector<core::Withholding> SubjectAccessState::withholdings() const {
    std::vector<core::Withholding> out;
    if (withholdThirdParties)
        out.push_back({core::Withholding::Scope::ThirdParties, {}, core::WithholdBasis::ThirdParty});
    for (const auto& p : people)
        if (p.withheld && (!withholdThirdParties || p.practitioner))
            out.push_back({core::Withholding::Scope::ThirdParty, p.id, core::WithholdBasis::ThirdParty});
    for (const auto& r : records)
        if (r.basis != 0) out.push_back({core::Withholding::Scope::Record, r.id, basisOf(r.basis)});
    return out;
}

DraftFields SubjectAccessState::draftFields() const {
    // The texts, and the choices the reason explains: what is withheld, and whether the location is included.
    std::string withheldPeople, withheldRecords;
    for (const auto& p : people)
        if (p.withheld) withheldPeople += (withheldPeople.empty() ? "" : ",") + p.id;
    for (const auto& r : records)
        if (r.basis > 0)
            withheldRecords += (withheldRecords.empty() ? "" : ",") + r.id + ":" + std::to_string(r.basis);
    return {{"recipient", recipient},
            {"reason", reason},
            {"includeLocation", includeLocation ? "1" : "0"},
            {"withholdThirdParties", withholdThirdParties ? "1" : "0"},
            {"withheldPeople", withheldPeople},
            {"withheldRecords", withheldRecords}};
}

void SubjectAccessState::restoreDraft(const DraftFields& f) {
    if (auto it = f.find("recipient"); it != f.end()) recipient = it->second;
    if (auto it = f.find("reason"); it != f.end()) reason = it->second;
    if (auto it = f.find("includeLocation"); it != f.end()) includeLocation = it->second == "1";
    if (auto it = f.find("withholdThirdParties"); it != f.end()) withholdThirdParties = it->second == "1";
    // Choices are matched by id with the people and records of now: one deleted since is simply not there.
    auto items = [](const std::string& list) {
        std::vector<std::string> out;
        for (std::size_t at = 0; at < list.size();) {
            const std::size_t comma = std::min(list.find(',', at), list.size());
            if (comma > at) out.push_back(list.substr(at, comma - at));
            at = comma + 1;
        }
        return out;
    };
    if (auto it = f.find("withheldPeople"); it != f.end()) {
        const auto ids = items(it->second);
        for (auto& p : people)
            p.withheld = std::find(ids.begin(), ids.end(), p.id) != ids.end();
    }
    if (auto it = f.find("withheldRecords"); it != f.end()) {
        for (auto& r : records)
            r.basis = 0;
        for (const auto& item : items(it->second)) {
            const std::size_t colon = item.rfind(':');
            if (colon == std::string::npos || colon + 2 != item.size()) continue;
            const int basis = item[colon + 1] - '0';
            if (basis < 1 || basis > 3) continue;
            for (auto& r : records)
                if (r.id == item.substr(0, colon)) r.basis = basis;
        }
        if (std::any_of(records.begin(), records.end(), [](const auto& r) { return r.basis > 0; }))
            recordsOpen = true; // show what was chosen
    }
}

void SubjectAccessState::wipe() {
    core::wipeString(recipient);
    core::wipeString(reason);
    *this = {};
}

SubjectAccessIntent drawSubjectAccess(SubjectAccessState& s) {
    SubjectAccessIntent intent;
    if (ui::topBar("Export everything held", true, s.personName.c_str()))
        intent.kind = SubjectAccessIntent::Kind::Back;

    ui::beginCard();
    ui::heading("Subject access request");
    ui::text("Every record held about " + s.personName +
             ", with its full history and the audit entries about them, as a PDF to read and a JSON file. "
             "Only what you choose below is withheld, each on its legal basis, and the copy lists it.");
    ui::faint("You decide what the law allows you to withhold; Throughline records your decision. If unsure, "
              "ask your data protection officer.");
    ui::spacer(2);
    ui::textField("Who the copy is for", "sar.recipient", s.recipient,
                  "The young person, or their representative by name");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Placement location");
    ui::toggle("sar.include-location", "Include the placement location", s.includeLocation);
    ui::faint(s.includeLocation
                  ? "The address, carer or home name and provider are included as recorded. This is "
                    "written to the audit trail."
                  : "The address, carer or home name and provider are left out and shown as "
                    "[placement detail withheld]; the copy says so.");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Withhold (only what the law allows)");
    ui::toggle("sar.third-parties", "Withhold family, friends, community", s.withholdThirdParties);
    ui::faint("Third parties who have not consented (Data Protection Act 2018, Schedule 2, Part 3): their "
              "names are "
              "replaced by their role. Professionals are named unless you choose them below.");
    for (std::size_t i = 0; i < s.people.size(); ++i) {
        auto& p = s.people[i];
        const std::string id = "sar.person." + std::to_string(i);
        // The box, then its name wrapping beside it (a checkbox's own label never wraps).
        const bool locked = s.withholdThirdParties && !p.practitioner;
        ImGui::BeginDisabled(locked);
        bool on = true;
        ImGui::Checkbox(("##" + id).c_str(), locked ? &on : &p.withheld);
        ui::focusStop(ImGui::GetStyle().FrameRounding);
        ui::tag(id);
        ImGui::SameLine();
        ui::text(p.label);
        ImGui::EndDisabled();
    }
    if (!s.records.empty()) {
        ui::spacer(2);
        // Closed by default: a young person can have hundreds of records, and withholding one is rare.
        const std::string toggle = s.recordsOpen ? std::string("Hide the records")
                                                 : "Withhold a whole record, with its history (" +
                                                       std::to_string(s.records.size()) + " records)";
        if (ui::linkButton((toggle + "##sar.records").c_str())) s.recordsOpen = !s.recordsOpen;
        ui::tag("sar.records");
        if (s.recordsOpen) {
            for (std::size_t i = 0; i < s.records.size(); ++i) {
                auto& r = s.records[i];
                const std::string id = "sar.record." + std::to_string(i);
                ImGui::SetNextItemWidth(180);
                ImGui::Combo(("##" + id).c_str(), &r.basis, kBases, 4);
                ui::tag(id);
                ImGui::SameLine();
                ui::text(r.label);
            }
        }
    }
    ui::spacer(2);
    ui::multilineField("Why (listed in the copy beside what is withheld)", "sar.reason", s.reason, 2,
                       "Needed when anything is withheld");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Where to write it");
    ui::text(s.folder.empty() ? "No folder chosen yet." : s.folder);
    if (ui::secondaryButton("Choose folder\xE2\x80\xA6"))
        intent.kind = SubjectAccessIntent::Kind::ChooseFolder;
    ui::tag("sar.choose-folder");
    ui::toggle("sar.replace", "Replace an earlier export in this folder", s.replaceFiles);
    ui::endCard();
    ui::spacer(4);

    if (!s.error.empty()) ui::banner(s.error, ui::Tone::Danger);
    if (!s.outcome.empty()) ui::banner(s.outcome, ui::Tone::Success);
    if (ui::primaryButton("Export everything held")) intent.kind = SubjectAccessIntent::Kind::Export;
    ui::tag("sar.export");
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
