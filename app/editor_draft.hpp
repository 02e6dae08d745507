#pragma once
// One editor's draft: what a form holds, kept encrypted in the vault while the editor is open, so that a
// crash, an auto-lock, a screen lock or a logout in the middle of editing loses nothing. Every editor
// (member, placement, missing episode, young person, safety plan, the subject access screen's texts) keeps
// its draft through this one class, under a key naming the editor and what it edits. The record-a-contact
// draft (RecordsFeature) predates it.
#include "app/screens/common.hpp"

#include "throughline/records/store.hpp"

#include <imgui.h>

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace throughline::app {

class EditorDraft {
  public:
    using Fields = DraftFields;
    ~EditorDraft() { wipe(); }

    /// The editor opened on `key` (e.g. "editor.member.<id>") holding `loaded`. A draft kept under that key
    /// is offered (not applied) until the person continues or discards it.
    void open(core::Store& store, std::string key, const Fields& loaded);
    bool active() const { return !m_key.empty(); }
    const std::string& key() const { return m_key; }

    /// A draft is waiting for an answer: the editor is shown disabled under the offer meanwhile.
    bool offered() const { return m_offer.has_value(); }
    /// When the offered draft was saved: "Tue 3 Mar 2026, 21:40".
    const std::string& offeredFrom() const { return m_offerFrom; }
    /// Continue: hands the offered fields over (the editor restores itself from them); they are now the ones
    /// kept.
    std::optional<Fields> takeOffer();
    /// Discard: the offered draft is deleted.
    void discardOffer(core::Store& store);

    /// Keeps `current()` as the draft when it differs from what was last kept (and from what the editor
    /// opened with). Unless `force`, it looks at most every `interval` seconds (`now` is the app's clock).
    /// Nothing while a draft is offered: the one in the vault is not overwritten before the person chose.
    void keep(core::Store& store, const std::function<Fields()>& current, double now, double interval,
              bool force);
    /// The editor saved or was left deliberately: its draft goes (a draft still waiting for an answer stays
    /// in the vault, offered again next time).
    void close(core::Store& store);
    /// Overwrites the texts held (the editor's fields) before they are let go.
    void wipe();

  private:
    std::string m_key;
    Fields m_kept; // what the vault holds under m_key (or what the editor opened with)
    std::optional<Fields> m_offer;
    std::string m_offerFrom;
    bool m_stored = false; // a draft is in the vault under m_key
    double m_lastLook = -1e9;
};

/// Above an editor: the offer of its draft, when there is one, and the answer applied (Continue hands the
/// fields to `restore`). Returns whether the editor waits for an answer (it is then drawn disabled).
bool offerDraft(EditorDraft& draft, core::Store& store,
                const std::function<void(const EditorDraft::Fields&)>& restore);

/// Draws an editor (`draw` returns its intent) under the offer of its draft. While the offer waits for an
/// answer the editor is drawn disabled and its intent is dropped (a default one is returned).
template <class Restore, class Draw>
auto drawWithDraft(EditorDraft& draft, core::Store& store, Restore&& restore, Draw&& draw) {
    const bool waiting = offerDraft(draft, store, restore);
    ImGui::BeginDisabled(waiting);
    auto intent = draw();
    ImGui::EndDisabled();
    return waiting ? decltype(intent){} : intent;
}

} // namespace throughline::app
