#include "app/widgets.hpp"

#include "app/focus.hpp"
#include "app/text_editor.hpp"
#include "app/text_layout.hpp"
#include "app/astral_text.hpp"
#include "app/clipboard.hpp"
#include "app/typed_text.hpp"
#include "app/glyphs.hpp"
#include "app/script_marker.hpp"
#include "throughline/base/text.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace throughline::app::ui {

namespace {

std::map<std::string, TaggedRect, std::less<>> g_tags;

ImVec2 add(ImVec2 a, ImVec2 b) {
    return ImVec2(a.x + b.x, a.y + b.y);
}

struct CardFrame {
    ImVec2 start;
    float width = 0;
    float savedWork = 0, savedContent = 0;
    ImVec4 background;
    bool hasStripe = false;
    ImVec4 stripe;
};
constexpr int kMaxCardDepth = 6;
ImDrawListSplitter g_splitters[kMaxCardDepth];
CardFrame g_cards[kMaxCardDepth];
int g_cardDepth = 0;

bool g_flowFirst = true;
float g_flowLastRight = 0;

float contentRight() {
    return ImGui::GetContentRegionMaxAbs().x;
}

bool styledButton(const char* label, const ImVec4& bg, const ImVec4& bgHover, const ImVec4& fg, float width,
                  ImFont* font) {
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bgHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, bgHover);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    // A label too long for its button (a narrow window, a large UI scale) steps down to the small type,
    // and wraps onto more lines (the button grows taller) if even that is too long.
    const float w = width <= 0 ? ImGui::GetContentRegionAvail().x : width;
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    if (!font) font = ImGui::GetFont();
    const char* end = ImGui::FindRenderedTextEnd(label);
    const auto widthIn = [&](ImFont* f) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label, end).x; };
    if (widthIn(font) > w - 2 * pad.x) font = fonts().small;
    ImGui::PushFont(font);
    bool pressed = false;
    if (widthIn(font) <= w - 2 * pad.x) {
        pressed = ImGui::Button(label, ImVec2(width <= 0 ? -FLT_MIN : width, 0));
        focusStop(ImGui::GetStyle().FrameRounding);
    } else {
        const float wrap = w - 2 * pad.x;
        const ImVec2 ts = ImGui::CalcTextSize(label, end, false, wrap);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        pressed =
            ImGui::InvisibleButton(label, ImVec2(w, std::max(ImGui::GetFrameHeight(), ts.y + 2 * pad.y)));
        focusStop(ImGui::GetStyle().FrameRounding);
        const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), toU32(hot ? bgHover : bg),
                          ImGui::GetStyle().FrameRounding);
        // Each wrapped line centred, as a one-line button centres its label.
        const char* line = label;
        float y = ImGui::GetItemRectMin().y + (ImGui::GetItemRectSize().y - ts.y) * 0.5f;
        while (line < end) {
            const char* next = font->CalcWordWrapPositionA(1.f, line, end, wrap);
            if (next == line) ++next;
            if (next < end && *next != ' ' && next[-1] != ' ') noteBrokenWord(label);
            const float lw = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line, next).x;
            dl->AddText(ImVec2(pos.x + (w - lw) * 0.5f, y), toU32(fg), line, next);
            y += ImGui::GetTextLineHeight();
            line = next;
            while (line < end && *line == ' ')
                ++line;
        }
    }
    checkTextFits(label, ImGui::GetItemRectMin().x + pad.x + std::min(widthIn(font), w - 2 * pad.x),
                  ImGui::GetItemRectMax().x - pad.x);
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
    return pressed;
}

std::vector<TextOverflow> g_overflows;

} // namespace

const std::vector<TextOverflow>& textOverflows() {
    return g_overflows;
}
void clearTextOverflows() {
    g_overflows.clear();
}
void checkTextFits(std::string_view s, float right, float limit) {
    constexpr std::size_t kKept = 64;
    if (right > limit + 1.f && g_overflows.size() < kKept)
        g_overflows.push_back({std::string(s), right, limit});
}
void noteBrokenWord(std::string_view s) {
    constexpr std::size_t kKept = 64;
    if (g_overflows.size() < kKept)
        g_overflows.push_back({std::string(s) + " (a word broken across lines)", 0, 0});
}
void checkTextFits(std::string_view s) {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    checkTextFits(s, ImGui::GetItemRectMax().x, std::min(w->InnerClipRect.Max.x, contentRight()));
}

void tag(std::string_view name) {
    auto& t = g_tags[std::string(name)];
    t.min = ImGui::GetItemRectMin();
    t.max = ImGui::GetItemRectMax();
    t.frame = ImGui::GetFrameCount();
    t.id = ImGui::GetItemID();
}
const std::map<std::string, TaggedRect, std::less<>>& taggedRects() {
    return g_tags;
}
void clearTags() {
    g_tags.clear();
}

bool enterPressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}
bool escapePressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

ImVec4 toneColour(Tone tone) {
    const Palette& p = palette();
    switch (tone) {
    case Tone::Success:
        return p.success;
    case Tone::Warning:
        return p.warning;
    case Tone::Danger:
        return p.danger;
    case Tone::Voice:
        return p.voice;
    default:
        return p.accent;
    }
}
ImVec4 toneSoft(Tone tone) {
    const Palette& p = palette();
    switch (tone) {
    case Tone::Success:
        return p.successSoft;
    case Tone::Warning:
        return p.warningSoft;
    case Tone::Danger:
        return p.dangerSoft;
    case Tone::Voice:
        return p.voiceSoft;
    default:
        return p.accentSoft;
    }
}

namespace {
// Text as the screen draws it: script markers for what it cannot shape, its characters noted for the atlas.
void wrapped(std::string_view s) {
    std::string scratch;
    const std::string_view shown = screenText(s, scratch);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
    checkTextFits(shown);
    ImGui::PopTextWrapPos();
}
std::string shownText(const std::string& s) {
    std::string scratch;
    return std::string(screenText(s, scratch));
}
} // namespace

void title(const char* s) {
    ImGui::PushFont(fonts().title);
    wrapped(s);
    ImGui::PopFont();
}

void centredText(const std::string& s) {
    const float avail = ImGui::GetContentRegionAvail().x, w = ImGui::CalcTextSize(s.c_str()).x;
    if (w <= avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) * 0.5f);
    text(s);
}

void heading(const char* s) {
    ImGui::PushFont(fonts().bold);
    wrapped(s);
    ImGui::PopFont();
}

void text(const std::string& s) {
    wrapped(s);
}

void coloured(const std::string& s, const ImVec4& colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(s);
    ImGui::PopStyleColor();
}

void muted(const std::string& s) {
    coloured(s, palette().textMuted);
}
void faint(const std::string& s) {
    coloured(s, palette().textFaint);
}

void bulletText(const std::string& s) {
    const float indent = ImGui::GetFontSize() * 1.1f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float lineMid = at.y + ImGui::GetTextLineHeight() * 0.5f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + indent * 0.35f, lineMid),
                                                ImGui::GetFontSize() * 0.16f,
                                                ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::Indent(indent);
    text(s);
    ImGui::Unindent(indent);
}

void fieldLabel(const char* s) {
    ImGui::PushFont(fonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().textMuted);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(s);
    checkTextFits(s);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void fieldError(const std::string& message) {
    if (message.empty()) return;
    ImGui::PushFont(fonts().small);
    coloured(message, palette().danger);
    ImGui::PopFont();
}

void spacer(float h) {
    ImGui::Dummy(ImVec2(1, dp(h)));
}

void alignRight(float width) {
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(contentRight() - width, ImGui::GetCursorScreenPos().y));
}

void banner(const std::string& s, Tone tone) {
    ImVec4 bg = toneSoft(tone), fg = toneColour(tone);
    beginCard(&bg, &fg);
    ImGui::PushStyleColor(ImGuiCol_Text, bannerText(palette(), fg));
    text(s);
    ImGui::PopStyleColor();
    endCard();
}

bool topBar(const char* titleText, bool showBack, const char* subtitle) {
    bool back = false;
    const float h = ImGui::GetFrameHeight();
    if (showBack) {
        back = ImGui::InvisibleButton("##back", ImVec2(h, h));
        focusStop(h * 0.5f);
        if (!back && ImGui::IsItemFocused() && enterPressed()) back = true;
        tag("back");
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (ImGui::IsItemHovered()) dl->AddRectFilled(a, b, toU32(palette().surfaceAlt), h * 0.5f);
        const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        const float k = h * 0.17f;
        ImVec2 pts[3] = {ImVec2(c.x + k * 0.5f, c.y - k), ImVec2(c.x - k * 0.5f, c.y),
                         ImVec2(c.x + k * 0.5f, c.y + k)};
        dl->AddPolyline(pts, 3, toU32(palette().accent), 0, dp(2.5f));
        ImGui::SameLine(0, dp(6));
    }
    std::string scratch;
    titleText = screenText(titleText, scratch).data(); // a view of titleText itself or of scratch (0-ended)
    // A title too long for the bar (a narrow window at a large UI scale) is set in the smaller bold type,
    // and wraps if even that is too long: never clipped.
    ImFont* font = fonts().title;
    if (font &&
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, titleText).x > ImGui::GetContentRegionAvail().x)
        font = fonts().bold;
    ImGui::PushFont(font);
    const float y = ImGui::GetCursorPosY();
    const bool fits = ImGui::CalcTextSize(titleText).x <= ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorPosY(y + (fits ? (h - ImGui::GetFontSize()) * 0.5f - 1 : 0.f));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(titleText);
    checkTextFits(titleText);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y + h + ImGui::GetStyle().ItemSpacing.y));
    if (subtitle && *subtitle) muted(subtitle);
    spacer(4);
    return back;
}

void beginCard(const ImVec4* background, const ImVec4* stripe) {
    IM_ASSERT(g_cardDepth < kMaxCardDepth);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    CardFrame& f = g_cards[g_cardDepth];
    f.start = ImGui::GetCursorScreenPos();
    f.width = std::max(dp(40), ImGui::GetContentRegionAvail().x);
    f.background = background ? *background : palette().surface;
    f.hasStripe = stripe != nullptr;
    if (stripe) f.stripe = *stripe;
    g_splitters[g_cardDepth].Split(w->DrawList, 2);
    g_splitters[g_cardDepth].SetCurrentChannel(w->DrawList, 1);
    const float pad = dp(16);
    const float left = pad + (stripe ? dp(4) : 0);
    // Narrow the content region so full-width widgets and wrapped text stay inside the card.
    f.savedWork = w->WorkRect.Max.x;
    f.savedContent = w->ContentRegionRect.Max.x;
    const float right = f.start.x + f.width - pad;
    w->WorkRect.Max.x = right;
    w->ContentRegionRect.Max.x = right;
    ImGui::SetCursorScreenPos(add(f.start, ImVec2(left, pad)));
    ImGui::BeginGroup();
    ++g_cardDepth;
}

void endCard() {
    IM_ASSERT(g_cardDepth > 0);
    --g_cardDepth;
    CardFrame& f = g_cards[g_cardDepth];
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImGui::EndGroup();
    const float pad = dp(16);
    ImVec2 max(f.start.x + f.width, ImGui::GetItemRectMax().y + pad);
    w->WorkRect.Max.x = f.savedWork;
    w->ContentRegionRect.Max.x = f.savedContent;
    ImDrawList* dl = w->DrawList;
    g_splitters[g_cardDepth].SetCurrentChannel(dl, 0);
    const float r = dp(16);
    dl->AddRectFilled(add(f.start, ImVec2(0, dp(1.5f))), add(max, ImVec2(0, dp(1.5f))),
                      toU32(palette().shadow), r);
    dl->AddRectFilled(f.start, max, toU32(f.background), r);
    // Where a card is no lighter than the window (the high-contrast theme), an edge keeps it a card.
    if (contrastRatio(f.background, palette().background) < 1.05)
        dl->AddRect(f.start, max, toU32(palette().border), r, 0, dp(1.2f));
    if (f.hasStripe)
        dl->AddRectFilled(f.start, ImVec2(f.start.x + dp(5), max.y), toU32(f.stripe), r,
                          ImDrawFlags_RoundCornersLeft);
    g_splitters[g_cardDepth].Merge(dl);
    ImGui::SetCursorScreenPos(f.start);
    ImGui::Dummy(ImVec2(f.width, max.y - f.start.y));
}

namespace {
struct SplitFrame {
    ImVec2 start;
    float leftWidth = 0, right = 0, savedWork = 0, savedContent = 0, maxY = 0;
};
SplitFrame g_split;

void setRight(float x) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    w->WorkRect.Max.x = x;
    w->ContentRegionRect.Max.x = x;
}
} // namespace

void beginSplit(float fraction) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    SplitFrame& f = g_split;
    f.start = ImGui::GetCursorScreenPos();
    f.right = contentRight();
    f.savedWork = w->WorkRect.Max.x;
    f.savedContent = w->ContentRegionRect.Max.x;
    f.leftWidth = std::floor((f.right - f.start.x - ImGui::GetStyle().ItemSpacing.x) * fraction);
    setRight(f.start.x + f.leftWidth);
    ImGui::BeginGroup();
}

void splitNext() {
    SplitFrame& f = g_split;
    ImGui::EndGroup();
    f.maxY = ImGui::GetItemRectMax().y;
    setRight(f.right);
    ImGui::SetCursorScreenPos(ImVec2(f.start.x + f.leftWidth + ImGui::GetStyle().ItemSpacing.x, f.start.y));
    ImGui::BeginGroup();
}

void endSplit() {
    SplitFrame& f = g_split;
    ImGui::EndGroup();
    f.maxY = std::max(f.maxY, ImGui::GetItemRectMax().y);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    w->WorkRect.Max.x = f.savedWork;
    w->ContentRegionRect.Max.x = f.savedContent;
    ImGui::SetCursorScreenPos(ImVec2(f.start.x, f.maxY + ImGui::GetStyle().ItemSpacing.y));
}

void divider() {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float right = contentRight();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + dp(2)), ImVec2(right, p.y + dp(2)),
                                        toU32(palette().border), 1.f);
    ImGui::Dummy(ImVec2(1, dp(5)));
}

float pairButtonWidth(std::initializer_list<const char*> labels) {
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const float pad = 2 * ImGui::GetStyle().FramePadding.x;
    ImFont* f = fonts().bold;
    for (const char* label : labels)
        if (f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label, ImGui::FindRenderedTextEnd(label)).x + pad >
            half)
            return 0.f;
    return half;
}

bool primaryButton(const char* label, float width) {
    const Palette& p = palette();
    return styledButton(label, p.accent, p.accentHover, p.accentText, width, fonts().bold);
}

bool secondaryButton(const char* label, float width) {
    const Palette& p = palette();
    return styledButton(label, p.accentSoft, mix(p.accentSoft, p.accent, kSoftHoverTint), p.accent, width,
                        fonts().bold);
}

bool dangerButton(const char* label, float width) {
    const Palette& p = palette();
    return styledButton(label, p.dangerSoft, mix(p.dangerSoft, p.danger, kSoftHoverTint), p.danger, width,
                        fonts().bold);
}

bool linkButton(const char* label) {
    const Palette& p = palette();
    ImGui::PushFont(fonts().bold);
    const float avail = ImGui::GetContentRegionAvail().x, padX = dp(6);
    const bool fits = ImGui::CalcTextSize(label, nullptr, true).x + 2 * padX <= avail;
    ImGui::PopFont();
    if (!fits) { // too long for one line: the link wraps, and all of it is the target
        ImGui::PushFont(fonts().bold);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float padY = ImGui::GetStyle().FramePadding.y * 0.5f;
        const ImVec2 ts = ImGui::CalcTextSize(label, nullptr, true, avail - 2 * padX);
        ImGui::PushID(label);
        bool pressed = ImGui::InvisibleButton("##link", ImVec2(avail, ts.y + 2 * padY));
        ImGui::PopID();
        if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (ImGui::IsItemHovered())
            dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), toU32(p.surfaceAlt), dp(8));
        const char* end = ImGui::FindRenderedTextEnd(label);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + padX, pos.y + padY),
                    toU32(p.accent), label, end, avail - 2 * padX);
        ImGui::PopFont();
        return pressed;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(6), ImGui::GetStyle().FramePadding.y));
    ImGui::PushFont(fonts().bold);
    ImVec2 size = ImGui::CalcTextSize(label, nullptr, true);
    ImGui::PopFont();
    bool pressed =
        styledButton(label, ImVec4(0, 0, 0, 0), p.surfaceAlt, p.accent, size.x + dp(12), fonts().bold);
    ImGui::PopStyleVar();
    return pressed;
}

void beginFlow() {
    g_flowFirst = true;
}
void endFlow() {
    g_flowFirst = true;
}

bool chip(const char* id, const char* label, bool selected, const ImVec4* dot) {
    const Palette& p = palette();
    const ImGuiStyle& st = ImGui::GetStyle();
    const float padX = dp(16);
    const float dotSpace = dot ? dp(16) : 0;
    // A chip is short: a script the screen cannot shape is named in brief ("Samir [Arabic]").
    const std::string shown = shortScreenText(label);
    label = shown.c_str();
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const float h = ImGui::GetFrameHeight();
    float w = ts.x + padX * 2 + dotSpace;
    // A chip never runs past the right edge: long names are shortened with an ellipsis.
    const float rowWidth = contentRight() - (ImGui::GetCursorScreenPos().x);
    if (w > rowWidth && rowWidth > padX * 4) w = rowWidth;
    if (!g_flowFirst) {
        float x = g_flowLastRight + st.ItemSpacing.x * 0.8f;
        if (x + w <= contentRight()) ImGui::SameLine(0, st.ItemSpacing.x * 0.8f);
    }
    g_flowFirst = false;
    ImGui::PushID(id);
    bool pressed = ImGui::InvisibleButton("##chip", ImVec2(w, h));
    focusStop(h * 0.5f);
    if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
    bool hovered = ImGui::IsItemHovered();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    g_flowLastRight = b.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec4 bg = selected ? p.accent : (hovered ? mix(p.surface, p.accent, kHoverTint) : p.surface);
    ImVec4 fg = selected ? p.accentText : p.text;
    dl->AddRectFilled(a, b, toU32(bg), h * 0.5f);
    if (!selected) dl->AddRect(a, b, toU32(p.outline), h * 0.5f, 0, dp(1.2f));
    float x = a.x + padX;
    if (dot) {
        dl->AddCircleFilled(ImVec2(x + dp(4), (a.y + b.y) * 0.5f), dp(5),
                            toU32(selected ? p.accentText : *dot));
        x += dotSpace;
    }
    const float textRight = b.x - padX;
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::RenderTextEllipsis(dl, ImVec2(x, a.y + (h - ts.y) * 0.5f), ImVec2(textRight, b.y), textRight,
                              textRight, label, nullptr, &ts);
    ImGui::PopStyleColor();
    ImGui::PopID();
    return pressed;
}

void beginComboStyle() {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.surfaceAlt);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, mix(p.surfaceAlt, p.accent, kHoverTint));
    ImGui::PushStyleColor(ImGuiCol_Text, p.text);
}
void endComboStyle() {
    ImGui::PopStyleColor(3);
}

namespace {
// Under a field (single- or multi-line) whose text holds a script the screen cannot shape: what the ◌
// placeholders in it stand for.
void scriptNote(std::string_view value) {
    if (!needsScriptMarker(value)) return;
    faint(unshapedScriptsIn(value) +
          " text is shown here as \xE2\x97\x8C: this screen cannot show that script. It is kept as written, "
          "and the PDF and HTML summaries show it.");
}

// A character typed into a single-line field becomes the stand-in the field is edited with
// (astral_text.hpp): an emoji beyond U+FFFF (which ImGui 1.86 queues as U+FFFD; the host noted the real one),
// an emoji of the Basic Multilingual Plane (⚽), or a letter of a script the screen cannot shape.
int typedCharFilter(ImGuiInputTextCallbackData* data) {
    char32_t c = data->EventChar;
    if (c == 0xFFFD) {
        auto wide = takeTypedWideCharacter();
        if (!wide) return 0;
        c = *wide;
    }
    const bool picture = c > 0xFFFF || text::emojiPresentation(c);
    if (!picture && !unshapedScript(c)) return 0;
    std::string cluster;
    core::appendUtf8(cluster, c);
    if (auto standIn = standInFor(cluster, picture ? StandInKind::Picture : StandInKind::Placeholder)) {
        data->EventChar = static_cast<ImWchar>(*standIn);
        noteGlyphs(cluster);
    }
    return 0;
}
} // namespace

bool textField(const char* label, const char* id, std::string& value, const char* hint,
               ImGuiInputTextFlags flags) {
    if (label && *label) fieldLabel(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string hidden = std::string("##") + id; // the label is drawn above, not beside
    tabStartsEditing(hidden.c_str());
    bool r;
    bool readOnlyNote = false;
    std::string editable;
    if (toEditable(value, editable)) {
        // Emoji and letters of scripts the screen cannot shape are edited as stand-ins, drawn as pictures
        // and placeholders (astral_text.hpp); an emoji typed from the desktop's picker arrives as U+FFFD and
        // becomes its stand-in in the filter.
        noteGlyphs(editable);
        {
            StandInClipboard pasteWithStandIns; // Ctrl+V / Ctrl+C in this field only
            r = ImGui::InputTextWithHint(hidden.c_str(), hint, &editable,
                                         flags | ImGuiInputTextFlags_CallbackCharFilter, typedCharFilter);
        }
        // Compared, not taken from `r`: with EnterReturnsTrue the text changes before Enter says so; and as
        // real text, since a cluster typed in pieces stands as two stand-ins until the field is left.
        std::string after = fromEditable(editable);
        if (after != value) value = std::move(after);
    } else if (hasAstral(value)) {
        // No stand-ins for it (the text holds a private-use character of its own, or a file brought more
        // made-up emoji than there are stand-ins): ImGui would write each emoji back as U+FFFD, so the field
        // is shown, not edited — nothing is lost.
        noteGlyphs(value);
        std::string shown = value;
        ImGui::InputTextWithHint(hidden.c_str(), hint, &shown, flags | ImGuiInputTextFlags_ReadOnly);
        r = false;
        readOnlyNote = true;
    } else { // the text holds a private-use character of its own: edited as it is
        noteGlyphs(value);
        r = ImGui::InputTextWithHint(hidden.c_str(), hint, &value, flags);
    }
    focusStop(ImGui::GetStyle().FrameRounding);
    tag(id);
    if (readOnlyNote)
        faint("This text holds characters this field cannot edit without losing them; it is kept as it is.");
    scriptNote(value);
    return r;
}

bool secretField(const char* label, const char* id, SecretText& value, const char* hint,
                 ImGuiInputTextFlags flags, ImGuiInputTextCallback charFilter) {
    if (label && *label) fieldLabel(label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string hidden = std::string("##") + id;
    if (charFilter) flags |= ImGuiInputTextFlags_CallbackCharFilter;
    tabStartsEditing(hidden.c_str());
    bool r = ImGui::InputTextWithHint(hidden.c_str(), hint, value.data(), value.capacity(),
                                      flags | ImGuiInputTextFlags_NoUndoRedo, charFilter);
    focusStop(ImGui::GetStyle().FrameRounding);
    tag(id);
    return r;
}

bool multilineField(const char* label, const char* id, std::string& value, float minLines, const char* hint) {
    if (label && *label) fieldLabel(label);
    noteGlyphs(value); // characters beyond the fixed ranges join the atlas for the next frame
    TextEditorOptions options;
    options.minLines = minLines;
    options.hint = hint;
    const bool changed = textEditor(id, value, options);
    tag(id);
    scriptNote(value);
    return changed;
}

bool toggle(const char* id, const char* label, bool& value) {
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    const float tw = dp(46), th = dp(28);
    // The label wraps in the room left of the switch; the row grows with it.
    const float labelW = std::max(dp(40), width - tw - dp(12));
    const ImVec2 ts = ImGui::CalcTextSize(label, nullptr, false, labelW);
    const float h = std::max(ImGui::GetFrameHeight(), ts.y + dp(8));
    ImGui::PushID(id);
    bool pressed = ImGui::InvisibleButton("##toggle", ImVec2(width, h));
    focusStop(ImGui::GetStyle().FrameRounding);
    if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
    ImGui::PopID();
    tag(id);
    if (pressed) value = !value;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(a.x, a.y + (h - ts.y) * 0.5f), toU32(p.text),
                label, nullptr, labelW);
    ImVec2 t0(b.x - tw, a.y + (h - th) * 0.5f), t1(b.x, t0.y + th);
    dl->AddRectFilled(t0, t1, toU32(value ? p.accent : p.outline), th * 0.5f);
    float kx = value ? t1.x - th * 0.5f : t0.x + th * 0.5f;
    dl->AddCircleFilled(ImVec2(kx, (t0.y + t1.y) * 0.5f), th * 0.5f - dp(3), toU32(p.surface));
    return pressed;
}

std::string initialsOf(std::string_view name) {
    // The first letter of the first two words, in any script the screen can draw (Ł, Ю, Ε, ሳ …).
    std::string initials;
    int letters = 0;
    bool start = true;
    for (std::size_t i = 0; i < name.size() && letters < 2;) {
        const std::size_t at = i;
        const char32_t c = core::nextCodePoint(name, i);
        if (c == ' ' || c == '-') {
            start = true;
            continue;
        }
        if (start && c != 0xFFFD && c <= 0xFFFF && !unshapedScript(c) && !text::joinsPrevious(c) &&
            !(c >= 0xE000 && c <= 0xF8FF)) {
            initials.append(name, at, i - at);
            ++letters;
        }
        start = false;
    }
    return initials;
}

namespace {
void drawAvatar(ImDrawList* dl, ImVec2 pos, float d, const std::string& name) {
    const Palette& p = palette();
    const std::string initials = initialsOf(name);
    noteGlyphs(initials);
    ImVec2 c(pos.x + d * 0.5f, pos.y + d * 0.5f);
    dl->AddCircleFilled(c, d * 0.5f, toU32(p.accentSoft));
    ImFont* f = fonts().bold;
    ImVec2 ts = f->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0, initials.c_str());
    dl->AddText(f, ImGui::GetFontSize(), ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), toU32(p.accent),
                initials.c_str());
}
} // namespace

void avatar(const std::string& name, float d) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(d, d));
    drawAvatar(ImGui::GetWindowDrawList(), pos, d, name);
}

void badge(const std::string& text, Tone tone) {
    const std::string s = shownText(text);
    ImGui::PushFont(fonts().small);
    const ImVec2 pad(dp(9), dp(4));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // A badge longer than the room left on the line wraps inside itself (it grows taller).
    const float room = std::max(dp(40), contentRight() - pos.x - pad.x * 2);
    const ImVec2 ts = ImGui::CalcTextSize(s.c_str(), nullptr, false, room);
    const ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), toU32(toneSoft(tone)),
                      std::min(size.y * 0.5f, dp(14)));
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + pad.x, pos.y + pad.y),
                toU32(toneColour(tone)), s.c_str(), nullptr, room);
    ImGui::PopFont();
}

void badges(const std::vector<Badge>& list) {
    // Side by side while they fit the line, like chips; the next line when it is full.
    float lastRight = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) {
            ImGui::PushFont(fonts().small);
            const float w = ImGui::CalcTextSize(list[i].text.c_str()).x + dp(18);
            ImGui::PopFont();
            if (lastRight + ImGui::GetStyle().ItemSpacing.x + w <= contentRight()) ImGui::SameLine();
        }
        badge(list[i].text, list[i].tone);
        lastRight = ImGui::GetItemRectMax().x;
    }
}

bool listRow(const char* id, const Row& given) {
    Row row = given; // as the screen draws it: script markers, characters noted for the atlas
    row.title = shownText(row.title);
    row.subtitle = shownText(row.subtitle);
    row.trailing = shownText(row.trailing);
    for (auto& b : row.badges)
        b.text = shownText(b.text);
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    // When the row is tight (narrow window, large UI scale) the trailing text moves under the title.
    float textArea =
        width - (row.avatarName.empty() ? 0 : dp(52)) - (row.dot ? dp(18) : 0) - (row.chevron ? dp(24) : 0);
    ImGui::PushFont(fonts().small);
    const float trailingW = row.trailing.empty() ? 0 : ImGui::CalcTextSize(row.trailing.c_str()).x;
    ImGui::PopFont();
    const bool trailingBelow = trailingW > 0 && (trailingW > textArea * 0.3f || textArea < dp(240));
    const bool hasSub = !row.subtitle.empty() || !row.badges.empty() || trailingBelow;
    const float h = std::max(dp(56), hasSub ? ImGui::GetTextLineHeight() * 2 + dp(26) : dp(56));
    ImGui::PushID(id);
    bool pressed = ImGui::InvisibleButton("##row", ImVec2(width, h));
    focusStop(dp(12));
    if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
    ImGui::PopID();
    tag(id);
    const bool hovered = ImGui::IsItemHovered();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered || ImGui::IsItemActive())
        dl->AddRectFilled(a, b, toU32(mix(p.surface, p.accent, kHoverTint)), dp(12));
    float x = a.x + dp(4);
    if (!row.avatarName.empty()) {
        const float d = dp(40);
        drawAvatar(dl, ImVec2(x, a.y + (h - d) * 0.5f), d, row.avatarName);
        x += d + dp(12);
    }
    if (row.dot) {
        dl->AddCircleFilled(ImVec2(x + dp(5), a.y + h * 0.5f), dp(5), toU32(*row.dot));
        x += dp(18);
    }
    float right = b.x - dp(6);
    if (row.chevron) {
        ImVec2 cs = ImGui::CalcTextSize("\xE2\x80\xBA");
        right -= cs.x;
        dl->AddText(ImVec2(right, a.y + (h - cs.y) * 0.5f), toU32(p.textFaint), "\xE2\x80\xBA"); // ›
        right -= dp(10);
    }
    if (!row.trailing.empty() && !trailingBelow) {
        ImGui::PushFont(fonts().small);
        ImVec2 ts = ImGui::CalcTextSize(row.trailing.c_str());
        right -= ts.x;
        dl->AddText(ImVec2(right, a.y + (h - ts.y) * 0.5f), toU32(row.trailingColour.value_or(p.textMuted)),
                    row.trailing.c_str());
        ImGui::PopFont();
        right -= dp(10);
    }
    const float lh = ImGui::GetTextLineHeight();
    float ty = hasSub ? a.y + (h - lh * 2 - dp(4)) * 0.5f : a.y + (h - lh) * 0.5f;
    ImGui::PushFont(fonts().bold);
    ImGui::RenderTextEllipsis(dl, ImVec2(x, ty), ImVec2(right, ty + lh), right, right, row.title.c_str(),
                              nullptr, nullptr);
    ImGui::PopFont();
    if (hasSub) {
        float sy = ty + lh + dp(4);
        float sx = x;
        ImGui::PushFont(fonts().small);
        for (const auto& bdg : row.badges) {
            ImVec2 ts = ImGui::CalcTextSize(bdg.text.c_str());
            ImVec2 pad(dp(8), dp(2));
            ImVec2 b0(sx, sy - pad.y + dp(1)), b1(sx + ts.x + pad.x * 2, sy + ts.y + pad.y);
            if (b1.x > right) break;
            dl->AddRectFilled(b0, b1, toU32(toneSoft(bdg.tone)), (b1.y - b0.y) * 0.5f);
            dl->AddText(ImVec2(sx + pad.x, sy + dp(1)), toU32(toneColour(bdg.tone)), bdg.text.c_str());
            sx = b1.x + dp(6);
        }
        std::string sub = row.subtitle;
        if (trailingBelow) sub = row.trailing + (sub.empty() ? "" : " \xC2\xB7 " + sub);
        if (!sub.empty() && sx < right)
            ImGui::RenderTextEllipsis(dl, ImVec2(sx, sy + dp(1)), ImVec2(right, sy + lh), right, right,
                                      sub.c_str(), nullptr, nullptr);
        ImGui::PopFont();
    }
    return pressed;
}

bool confirmDialog(const char* id, const char* titleText, const std::string& message,
                   const char* confirmLabel, bool& open, bool danger) {
    bool confirmed = false;
    if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const float w = std::min(vp->Size.x - dp(40), dp(380));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(22), dp(22)));
    if (ImGui::BeginPopupModal(id, nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize)) {
        heading(titleText);
        spacer(2);
        muted(message);
        spacer(8);
        const float bw = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        if (secondaryButton("Cancel", bw) || escapePressed()) {
            open = false;
            ImGui::CloseCurrentPopup();
        }
        tag(std::string(id) + ".cancel");
        ImGui::SameLine();
        if (danger ? dangerButton(confirmLabel, bw) : primaryButton(confirmLabel, bw)) {
            confirmed = true;
            open = false;
            ImGui::CloseCurrentPopup();
        }
        tag(std::string(id) + ".confirm");
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
    return confirmed;
}

namespace {

// Small vector icons for the tab bar, drawn in a box of side `s` at `o`.
void drawTabIcon(ImDrawList* dl, int index, ImVec2 o, float s, ImU32 col, bool active) {
    const float t = dp(1.8f);
    const ImVec2 c(o.x + s * 0.5f, o.y + s * 0.5f);
    switch (index) {
    case 0: { // two people
        dl->AddCircle(ImVec2(c.x - s * 0.14f, o.y + s * 0.32f), s * 0.15f, col, 16, t);
        dl->PathArcTo(ImVec2(c.x - s * 0.14f, o.y + s * 0.92f), s * 0.30f, IM_PI * 1.08f, IM_PI * 1.92f, 16);
        dl->PathStroke(col, 0, t);
        dl->AddCircle(ImVec2(c.x + s * 0.24f, o.y + s * 0.38f), s * 0.12f, col, 16, t);
        dl->PathArcTo(ImVec2(c.x + s * 0.24f, o.y + s * 0.92f), s * 0.22f, IM_PI * 1.25f, IM_PI * 1.95f, 16);
        dl->PathStroke(col, 0, t);
        break;
    }
    case 1: { // a note with a plus
        ImVec2 a(o.x + s * 0.18f, o.y + s * 0.1f), b(o.x + s * 0.82f, o.y + s * 0.9f);
        if (active)
            dl->AddRectFilled(a, b, col, s * 0.12f);
        else
            dl->AddRect(a, b, col, s * 0.12f, 0, t);
        ImU32 inner = active ? toU32(palette().surface) : col;
        dl->AddLine(ImVec2(c.x - s * 0.16f, c.y), ImVec2(c.x + s * 0.16f, c.y), inner, t);
        dl->AddLine(ImVec2(c.x, c.y - s * 0.16f), ImVec2(c.x, c.y + s * 0.16f), inner, t);
        break;
    }
    case 2: { // a person at the centre of three relationships
        ImVec2 pts[3] = {ImVec2(o.x + s * 0.15f, o.y + s * 0.22f), ImVec2(o.x + s * 0.85f, o.y + s * 0.3f),
                         ImVec2(o.x + s * 0.45f, o.y + s * 0.9f)};
        for (auto& p : pts)
            dl->AddLine(c, p, col, t);
        for (auto& p : pts)
            dl->AddCircleFilled(p, s * 0.1f, col);
        dl->AddCircleFilled(c, s * 0.16f, col);
        break;
    }
    default: { // settings: a gear
        for (int i = 0; i < 8; ++i) {
            float ang = i * IM_PI / 4;
            ImVec2 d(std::cos(ang), std::sin(ang));
            dl->AddLine(ImVec2(c.x + d.x * s * 0.26f, c.y + d.y * s * 0.26f),
                        ImVec2(c.x + d.x * s * 0.44f, c.y + d.y * s * 0.44f), col, t * 1.6f);
        }
        dl->AddCircle(c, s * 0.28f, col, 24, t * 1.2f);
        dl->AddCircle(c, s * 0.1f, col, 12, t);
        break;
    }
    }
}

} // namespace

std::optional<int> tabBar(int current, float height, unsigned dots) {
    static const char* kLabels[kTabCount] = {"Young people", "Record", "Network", "Settings"};
    static const char* kShort[kTabCount] = {"People", "Record", "Network", "Settings"};
    static const char* kIds[kTabCount] = {"tab.people", "tab.record", "tab.network", "tab.settings"};
    const Palette& p = palette();
    std::optional<int> chosen;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 o = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), toU32(p.surface));
    dl->AddLine(o, ImVec2(o.x + width, o.y), toU32(p.border), 1.f);
    const float w = width / kTabCount;
    // Labels: the long ones if all fit, else the short ones; if even those run into each other (a narrow
    // window at a large UI scale) all step down to one smaller size, never below 70 %; a label that still
    // does not fit is left out and its tab is the icon alone (the active tab keeps its highlight).
    ImFont* f = fonts().small;
    float fs = f->FontSize;
    const float room = w - dp(8);
    std::array<std::string, kTabCount> labels;
    std::array<float, kTabCount> sizes{};
    bool allLong = true;
    for (int i = 0; i < kTabCount; ++i)
        allLong = allLong && f->CalcTextSizeA(fs, FLT_MAX, 0, kLabels[i]).x <= room;
    float widest = 0;
    for (int i = 0; i < kTabCount; ++i) {
        labels[i] = allLong ? kLabels[i] : kShort[i];
        widest = std::max(widest, f->CalcTextSizeA(fs, FLT_MAX, 0, labels[i].c_str()).x);
    }
    if (widest > room) fs = std::max(fs * 0.7f, fs * room / widest);
    for (int i = 0; i < kTabCount; ++i) {
        sizes[i] = f->CalcTextSizeA(fs, FLT_MAX, 0, labels[i].c_str()).x;
        if (sizes[i] > room) labels[i].clear();
    }
    for (int i = 0; i < kTabCount; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(o.x + w * i, o.y));
        ImGui::PushID(i);
        bool pressed = ImGui::InvisibleButton("##tab", ImVec2(w, height));
        focusStop(dp(16));
        if (!pressed && ImGui::IsItemFocused() && enterPressed()) pressed = true;
        ImGui::PopID();
        tag(kIds[i]);
        if (pressed) chosen = i;
        const bool active = i == current;
        const bool hovered = ImGui::IsItemHovered();
        ImVec4 colour = active ? p.accent : (hovered ? p.text : p.textMuted);
        const float icon = dp(24);
        ImVec2 a = ImGui::GetItemRectMin();
        if (active)
            dl->AddRectFilled(ImVec2(a.x + w * 0.5f - dp(28), a.y + dp(6)),
                              ImVec2(a.x + w * 0.5f + dp(28), a.y + dp(6) + icon + dp(8)),
                              toU32(p.accentSoft), dp(16));
        drawTabIcon(dl, i, ImVec2(a.x + (w - icon) * 0.5f, a.y + dp(10)), icon, toU32(colour), active);
        if (dots & (1u << i)) {
            const ImVec2 c(a.x + (w + icon) * 0.5f + dp(2), a.y + dp(11));
            dl->AddCircleFilled(c, dp(5.5f), toU32(p.surface));
            dl->AddCircleFilled(c, dp(4), toU32(p.warning));
            tag(std::string(kIds[i]) + ".dot");
        }
        if (labels[i].empty()) continue; // no room at this width and scale: the icon alone
        checkTextFits(labels[i], a.x + (w + sizes[i]) * 0.5f, a.x + w);
        dl->AddText(f, fs, ImVec2(a.x + (w - sizes[i]) * 0.5f, a.y + dp(10) + icon + dp(8)), toU32(colour),
                    labels[i].c_str());
    }
    ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + height));
    return chosen;
}

} // namespace throughline::app::ui
