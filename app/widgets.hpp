#pragma once
// Touch-sized, calm widgets built on Dear ImGui: cards, chips, list rows, fields, buttons, a tab bar.
// Widgets only draw and report what the user did; they never touch the vault.
#include "app/focus.hpp"
#include "app/secret_text.hpp"
#include "app/theme.hpp"

#include "throughline/records/enums.hpp"

#include <imgui.h>

#include <map>
#include <optional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::app::ui {

// --- Test hook: the last item's rectangle recorded under a stable name (used by headless UI tests).
struct TaggedRect {
    ImVec2 min, max;
    int frame = 0;
    ImGuiID id = 0; // the item's id (0 for text that is not a control)
};
void tag(std::string_view name);
const std::map<std::string, TaggedRect, std::less<>>& taggedRects();
void clearTags();

// --- Test hook: text items that run past the right edge of what holds them (their card's or window's
// content edge, or the visible part of the window), recorded by the text widgets (reflow, WCAG 1.4.10).
struct TextOverflow {
    std::string text;
    float right = 0, limit = 0;
};
const std::vector<TextOverflow>& textOverflows();
void clearTextOverflows();
/// Records the last item (a text drawn by `text`) if it runs past its container.
void checkTextFits(std::string_view text);
/// Records a text drawn straight into a draw list at [left, right] if it runs past `limit`.
void checkTextFits(std::string_view text, float right, float limit);
/// Records a label that had to break inside a word to fit ("Conti / nue"): a layout to fix, like overflow.
void noteBrokenWord(std::string_view text);

/// Enter (or keypad Enter) pressed this frame.
bool enterPressed();
/// Escape pressed this frame.
bool escapePressed();

// --- Text
void title(const char* text);
void heading(const char* text);
/// Centred on its line when it fits, else wrapped (in the current font and colour).
void centredText(const std::string& s);
void text(const std::string& s);
void muted(const std::string& s);
void faint(const std::string& s);
/// A bulleted line that wraps under itself (a hanging indent), with room between the dot and the text.
void bulletText(const std::string& s);
void coloured(const std::string& s, const ImVec4& colour);
void fieldLabel(const char* text);
void fieldError(const std::string& message);

enum class Tone { Info, Success, Warning, Danger, Voice };
/// A soft rounded strip with a message.
void banner(const std::string& text, Tone tone);
void spacer(float height);
/// Continues the current line with an item of `width` placed against the right edge.
void alignRight(float width);

// --- Structure
/// Top bar: optional back arrow and a title; returns true when back was pressed.
bool topBar(const char* title, bool showBack, const char* subtitle = nullptr);
/// A rounded card around everything drawn until endCard(). `stripe` draws a coloured left edge.
void beginCard(const ImVec4* background = nullptr, const ImVec4* stripe = nullptr);
void endCard();
/// Two columns side by side (e.g. date and time): beginSplit, left items, splitNext, right items, endSplit.
void beginSplit(float leftFraction);
void splitNext();
void endSplit();
/// A thin divider inside a card.
void divider();

// --- Buttons (width 0 = full width)
/// The width for two (or more) buttons sharing a line: half the row when every label fits it on one line in
/// the buttons' bold type, else 0 — full width, one under the other (call ImGui::SameLine() only when > 0).
/// Never a clipped label nor one broken inside a word.
float pairButtonWidth(std::initializer_list<const char*> labels);
bool primaryButton(const char* label, float width = 0);
bool secondaryButton(const char* label, float width = 0);
bool dangerButton(const char* label, float width = 0);
/// Text-only button (accent text, no background).
bool linkButton(const char* label);

// --- Chips (pill toggles that wrap onto new lines)
void beginFlow();
bool chip(const char* id, const char* label, bool selected, const ImVec4* dot = nullptr);
void endFlow();

template <class E> bool enumChips(const char* idPrefix, E& value) {
    bool changed = false;
    beginFlow();
    for (const auto& e : core::enumEntries<E>()) {
        std::string id = std::string(idPrefix) + "." + std::string(e.key);
        std::string label(e.display);
        if (chip(id.c_str(), label.c_str(), value == e.value)) {
            value = e.value;
            changed = true;
        }
        tag(id);
    }
    endFlow();
    return changed;
}

template <class E> bool flagChips(const char* idPrefix, std::uint32_t& flags) {
    bool changed = false;
    beginFlow();
    for (const auto& e : core::enumEntries<E>()) {
        std::string id = std::string(idPrefix) + "." + std::string(e.key);
        std::string label(e.display);
        bool on = core::hasFlag(flags, e.value);
        if (chip(id.c_str(), label.c_str(), on)) {
            flags = core::withFlag(flags, e.value, !on);
            changed = true;
        }
        tag(id);
    }
    endFlow();
    return changed;
}

void beginComboStyle();
void endComboStyle();

/// A combo box over an enum's display names.
template <class E> bool enumCombo(const char* id, E& value) {
    bool changed = false;
    ImGui::SetNextItemWidth(-FLT_MIN);
    std::string current(core::enumDisplay(value));
    beginComboStyle();
    const bool open = ImGui::BeginCombo(id, current.c_str(), ImGuiComboFlags_HeightLarge);
    endComboStyle();
    focusStop(ImGui::GetStyle().FrameRounding);
    if (open) {
        for (const auto& e : core::enumEntries<E>()) {
            std::string label(e.display);
            if (ImGui::Selectable(label.c_str(), e.value == value, 0, ImVec2(0, dp(36)))) {
                value = e.value;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    tag(id);
    return changed;
}

// --- Fields (label above, full width)
bool textField(const char* label, const char* id, std::string& value, const char* hint = "",
               ImGuiInputTextFlags flags = 0);
/// A passphrase or recovery key field: edits the fixed secure buffer in place (no std::string, no
/// resizing) and keeps no undo history of what was typed.
bool secretField(const char* label, const char* id, SecretText& value, const char* hint = "",
                 ImGuiInputTextFlags flags = 0, ImGuiInputTextCallback charFilter = nullptr);
/// A multi-line field, word-wrapped while typing (ui::textEditor); grows from `minLines`, then scrolls.
bool multilineField(const char* label, const char* id, std::string& value, float minLines = 3,
                    const char* hint = "");
/// A switch with a label on the left; the whole row is the target.
bool toggle(const char* id, const char* label, bool& value);

// --- Rows
struct Badge {
    std::string text;
    Tone tone = Tone::Info;
};
struct Row {
    std::string title, subtitle, trailing;
    std::string avatarName;    // initials drawn in a circle when set
    std::optional<ImVec4> dot; // small coloured dot before the title
    std::optional<ImVec4> trailingColour;
    std::vector<Badge> badges;
    bool chevron = true;
};
/// A full-width tappable row (≥ 56 px); returns true when activated.
bool listRow(const char* id, const Row& row);
void badge(const std::string& text, Tone tone);
/// Badges side by side, going on to the next line when one is full.
void badges(const std::vector<Badge>& list);
void avatar(const std::string& name, float diameter);
/// The first letter of a name's first two words that the screen can draw ("Oluwaseun Adébáyọ̀" → "OA").
std::string initialsOf(std::string_view name);

/// A centred confirmation dialog. Set `open` to show it; returns true once when confirmed. The confirm
/// button is red for a destructive step (`danger`), else the accent colour.
bool confirmDialog(const char* id, const char* title, const std::string& message, const char* confirmLabel,
                   bool& open, bool danger = true);

/// The bottom tab bar (Young people · Record · Network · Settings). Returns the tab pressed, if any.
/// Tabs whose bit is set in `dots` carry a small warning dot (e.g. Settings while conflicts wait).
std::optional<int> tabBar(int current, float height, unsigned dots = 0);
constexpr int kTabCount = 4;

/// Soft and strong colours for a tone.
ImVec4 toneColour(Tone tone);
ImVec4 toneSoft(Tone tone);

} // namespace throughline::app::ui
