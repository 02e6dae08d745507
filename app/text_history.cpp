#include "app/text_history.hpp"

#include <algorithm>

namespace throughline::app::text {

namespace {

bool endsWithSpace(std::string_view s) {
    return !s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t');
}
bool startsWithSpace(std::string_view s) {
    return !s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t');
}

void wipeStep(EditStep& step) {
    wipeString(step.removed);
    wipeString(step.inserted);
}

} // namespace

void wipeString(std::string& s) {
    s.resize(s.capacity()); // within the capacity: no reallocation, so every byte ever held is overwritten
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

bool TextHistory::merge(std::size_t from, std::size_t to, std::string_view insert, EditKind kind,
                        const std::string& text) {
    if (!m_canMerge || m_undo.empty() || kind == EditKind::Other || m_undo.back().kind != kind) return false;
    EditStep& last = m_undo.back();
    if (kind == EditKind::Typing) {
        // One step per word: a new word after a space starts a new step.
        if (from != to || from != last.at + last.inserted.size() || !last.removed.empty()) return false;
        if (endsWithSpace(last.inserted) && !startsWithSpace(insert)) return false;
        last.inserted.append(insert);
        m_bytes += insert.size();
        return true;
    }
    // Deleting: Backspace runs grow leftwards, Delete runs rightwards.
    if (!insert.empty() || !last.inserted.empty()) return false;
    if (to == last.at) {
        last.removed.insert(0, text, from, to - from);
        last.at = from;
    } else if (from == last.at) {
        last.removed.append(text, from, to - from);
    } else {
        return false;
    }
    m_bytes += to - from;
    return true;
}

Selection TextHistory::replace(std::string& text, std::size_t from, std::size_t to, std::string_view insert,
                               const Selection& before, EditKind kind) {
    from = std::min(from, text.size());
    to = std::clamp(to, from, text.size());
    for (EditStep& s : m_redo)
        wipeStep(s);
    m_redo.clear();
    const Selection after{from + insert.size(), Caret{from + insert.size(), false}};
    if (!merge(from, to, insert, kind, text)) {
        EditStep step;
        step.at = from;
        step.removed.assign(text, from, to - from);
        step.inserted.assign(insert);
        step.before = before;
        step.kind = kind;
        m_bytes += step.removed.size() + step.inserted.size();
        m_undo.push_back(std::move(step));
    }
    m_undo.back().after = after;
    text.replace(from, to - from, insert);
    m_canMerge = kind != EditKind::Other;
    trim();
    return after;
}

void TextHistory::trim() {
    while (m_undo.size() > 1 && (m_undo.size() > kMaxSteps || m_bytes > kMaxBytes)) {
        m_bytes -= m_undo.front().removed.size() + m_undo.front().inserted.size();
        wipeStep(m_undo.front());
        m_undo.pop_front();
    }
}

bool TextHistory::undo(std::string& text, Selection& selection) {
    if (m_undo.empty()) return false;
    EditStep step = std::move(m_undo.back());
    m_undo.pop_back();
    m_bytes -= step.removed.size() + step.inserted.size();
    text.replace(step.at, step.inserted.size(), step.removed);
    selection = step.before;
    m_redo.push_back(std::move(step));
    m_canMerge = false;
    return true;
}

bool TextHistory::redo(std::string& text, Selection& selection) {
    if (m_redo.empty()) return false;
    EditStep step = std::move(m_redo.back());
    m_redo.pop_back();
    text.replace(step.at, step.removed.size(), step.inserted);
    m_bytes += step.removed.size() + step.inserted.size();
    selection = step.after;
    m_undo.push_back(std::move(step));
    m_canMerge = false;
    return true;
}

void TextHistory::wipe() {
    for (auto* list : {&m_undo, &m_redo}) {
        for (EditStep& s : *list)
            wipeStep(s);
        list->clear();
    }
    m_bytes = 0;
    m_canMerge = false;
}

void TextHistory::forEachBuffer(
    const std::function<void(const char*, const void*, std::size_t)>& visit) const {
    for (const auto* list : {&m_undo, &m_redo})
        for (const EditStep& s : *list) {
            visit("editor undo (removed)", s.removed.data(), s.removed.capacity());
            visit("editor undo (inserted)", s.inserted.data(), s.inserted.capacity());
        }
}

} // namespace throughline::app::text
