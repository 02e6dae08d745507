#pragma once
// Undo and redo for the multi-line editor (no UI): each step is one replacement of a range of the text.
// Typed text coalesces into one step per word; the history is bounded, and it can be wiped (it holds copies
// of what was typed).
#include "app/text_layout.hpp"

#include <cstddef>
#include <deque>
#include <functional>
#include <string>

namespace throughline::app::text {

/// How an edit came about, for coalescing.
enum class EditKind { Typing, Deleting, Other };

struct Selection {
    std::size_t anchor = 0;
    Caret caret;
};

struct EditStep {
    std::size_t at = 0;
    std::string removed, inserted;
    Selection before, after;
    EditKind kind = EditKind::Other;
};

class TextHistory {
  public:
    static constexpr std::size_t kMaxSteps = 200;
    static constexpr std::size_t kMaxBytes = 512 * 1024;

    /// Replaces bytes [from, to) of `text` with `insert`, records the step and returns the selection after it
    /// (an empty selection at the end of the inserted text).
    Selection replace(std::string& text, std::size_t from, std::size_t to, std::string_view insert,
                      const Selection& before, EditKind kind);
    /// Undoes / redoes the last step; returns the selection to restore, or nothing if there is none.
    bool undo(std::string& text, Selection& selection);
    bool redo(std::string& text, Selection& selection);
    /// The next edit starts a step of its own (after a caret move, a click, focus loss).
    void breakRun() { m_canMerge = false; }
    /// Zeroes every copy of text and forgets the history.
    void wipe();

    std::size_t undoSteps() const { return m_undo.size(); }
    std::size_t redoSteps() const { return m_redo.size(); }
    void forEachBuffer(const std::function<void(const char*, const void*, std::size_t)>& visit) const;

  private:
    bool merge(std::size_t from, std::size_t to, std::string_view insert, EditKind kind,
               const std::string& text);
    void trim();

    std::deque<EditStep> m_undo, m_redo;
    std::size_t m_bytes = 0;
    bool m_canMerge = false;
};

/// Zeroes a string's whole buffer (its capacity, not only its size), then empties it.
void wipeString(std::string& s);

} // namespace throughline::app::text
