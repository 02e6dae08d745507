#include "app/screens/file_chooser_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace throughline::app {

namespace {

std::string sizeText(std::uintmax_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

constexpr std::size_t kMaxRows = 400; // a huge folder stays responsive; the path field reaches the rest

} // namespace

bool matchesExtension(const std::string& name, const std::vector<std::string>& extensions) {
    if (extensions.empty()) return true;
    for (const auto& ext : extensions) {
        if (name.size() < ext.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < ext.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) ==
                   std::tolower(static_cast<unsigned char>(ext[i]));
        if (same) return true;
    }
    return false;
}

FileChooserIntent drawFileChooser(FileChooserState& s, const FileChooserView& v) {
    FileChooserIntent intent;
    const Palette& p = palette();
    if (ui::topBar(s.title.c_str(), true)) intent.kind = FileChooserIntent::Kind::Cancel;
    if (!s.hint.empty()) ui::muted(s.hint);
    ui::spacer(2);

    if (!v.places.empty()) {
        ui::beginFlow();
        for (std::size_t i = 0; i < v.places.size(); ++i) {
            const std::string id = "chooser.place." + std::to_string(i);
            if (ui::chip(id.c_str(), v.places[i].label.c_str(), v.places[i].path == s.folder)) {
                intent.kind = FileChooserIntent::Kind::OpenFolder;
                intent.path = v.places[i].path;
            }
            ui::tag(id);
        }
        ui::endFlow();
        ui::spacer(2);
    }

    // A path can always be typed or pasted: the way to reach a USB stick or a network drive quickly.
    const float goW = dp(76);
    ui::fieldLabel(s.mode == ChooserMode::Open ? "Folder or file" : "Folder");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - goW - ImGui::GetStyle().ItemSpacing.x);
    ui::tabStartsEditing("##chooser.path");
    const bool entered =
        ImGui::InputTextWithHint("##chooser.path", "/home/…", &s.pathText,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    ui::focusStop(ImGui::GetStyle().FrameRounding);
    ui::tag("chooser.path");
    ImGui::SameLine();
    if (ui::secondaryButton("Go", goW) || entered) {
        intent.kind = FileChooserIntent::Kind::GoTo;
        intent.path = s.pathText;
    }
    ui::tag("chooser.go");
    if (!s.error.empty()) {
        ui::spacer(2);
        ui::banner(s.error, ui::Tone::Danger);
        ui::tag("chooser.error");
    }
    ui::spacer(4);

    if (s.mode == ChooserMode::Save) {
        ui::beginCard();
        ui::textField("File name", "chooser.name", s.fileName, "e.g. for-sam.thrl");
        bool exists = false;
        for (const auto& e : s.entries)
            if (!e.folder && e.name == s.fileName) exists = true;
        if (exists) ui::fieldError("A file with this name is already here; saving replaces it.");
        ui::faint("Saving into " + s.folder.string());
        ui::spacer(2);
        ImGui::BeginDisabled(s.fileName.empty());
        if (ui::primaryButton("Save here")) {
            intent.kind = FileChooserIntent::Kind::Choose;
            intent.path = s.folder / s.fileName;
        }
        ui::tag("chooser.save");
        ImGui::EndDisabled();
        ui::endCard();
        ui::spacer(4);
    } else if (s.mode == ChooserMode::Folder) {
        if (ui::primaryButton("Use this folder")) {
            intent.kind = FileChooserIntent::Kind::Choose;
            intent.path = s.folder;
        }
        ui::tag("chooser.use-folder");
        ui::spacer(4);
    }

    ui::beginCard();
    {
        ImGui::PushFont(fonts().bold);
        ui::text(s.folder.filename().empty() ? s.folder.string() : s.folder.filename().string());
        ImGui::PopFont();
        ui::faint(s.folder.string());
    }
    int shown = 0;
    if (s.folder.has_parent_path() && s.folder.parent_path() != s.folder) {
        ui::divider();
        ui::Row up;
        up.title = "\xE2\x86\x91  Up one level"; // ↑
        up.subtitle = s.folder.parent_path().string();
        if (ui::listRow("chooser.up", up)) {
            intent.kind = FileChooserIntent::Kind::OpenFolder;
            intent.path = s.folder.parent_path();
        }
        ++shown;
    }
    std::size_t rows = 0;
    for (std::size_t i = 0; i < s.entries.size() && rows < kMaxRows; ++i) {
        const ChooserEntry& e = s.entries[i];
        if (!e.folder && s.mode == ChooserMode::Folder) continue;
        ++rows;
        ui::divider();
        ui::Row row;
        row.title = e.name;
        const std::string id = "chooser.entry." + e.name;
        if (e.folder) {
            row.dot = p.accent;
            row.subtitle = "Folder";
        } else {
            row.dot = p.textFaint;
            row.subtitle = sizeText(e.size) + (e.modified ? " \xC2\xB7 " + displayInstant(e.modified) : "");
            row.chevron = false;
        }
        if (ui::listRow(id.c_str(), row)) {
            if (e.folder) {
                intent.kind = FileChooserIntent::Kind::OpenFolder;
                intent.path = s.folder / e.name;
            } else if (s.mode == ChooserMode::Open) {
                intent.kind = FileChooserIntent::Kind::Choose;
                intent.path = s.folder / e.name;
            } else {
                s.fileName = e.name;
            }
        }
        ++shown;
    }
    if (rows >= kMaxRows) {
        ui::divider();
        ui::faint("This folder holds more than we can list here. Type the path of the file above.");
    }
    if (rows == 0) {
        ui::spacer(6);
        if (s.mode == ChooserMode::Folder)
            ui::muted("No folders inside this one. Use it, or go up a level.");
        else if (s.extensions.empty())
            ui::muted("This folder is empty.");
        else {
            std::string exts;
            for (const auto& x : s.extensions)
                exts += (exts.empty() ? "" : " or ") + x;
            ui::muted("No " + exts + " files here. Try another folder, or type the path above.");
        }
        ui::spacer(6);
    }
    (void)shown;
    ui::endCard();
    ui::spacer(4);
    if (ui::secondaryButton("Cancel")) intent.kind = FileChooserIntent::Kind::Cancel;
    ui::tag("chooser.cancel");
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
