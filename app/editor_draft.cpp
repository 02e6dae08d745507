// Editor drafts in the vault: encoded like the record-a-contact draft (encodeDraft), with the time they were
// kept.
#include "app/editor_draft.hpp"

#include "app/forms.hpp"

#include "throughline/base/secure_bytes.hpp"
#include "throughline/base/time.hpp"

#include <charconv>

namespace throughline::app {

namespace {

constexpr const char* kSavedAt = "_saved_at"; // UTC ms, not a field of any editor

void wipeFields(EditorDraft::Fields& f) {
    for (auto& [k, v] : f)
        core::wipeString(v);
    f.clear();
}

} // namespace

void EditorDraft::open(core::Store& store, std::string key, const Fields& loaded) {
    wipe();
    m_key = std::move(key);
    m_kept = loaded;
    m_lastLook = -1e9;
    auto draft = store.loadDraft(m_key);
    if (!draft || !draft->has_value()) return;
    m_stored = true;
    // A draft that cannot be read (damaged, another format) is not offered; the next one kept replaces it.
    auto fields = decodeDraft(**draft);
    core::wipeString(**draft);
    if (!fields) return;
    std::int64_t at = 0;
    if (auto it = fields->find(kSavedAt); it != fields->end()) {
        const std::string& v = it->second;
        std::from_chars(v.data(), v.data() + v.size(), at);
        fields->erase(it);
    }
    if (*fields == m_kept) return; // nothing in it that the editor does not already show
    m_offerFrom = at > 0 ? displayInstant(at) : std::string("earlier");
    m_offer = std::move(*fields);
}

std::optional<EditorDraft::Fields> EditorDraft::takeOffer() {
    if (!m_offer) return std::nullopt;
    Fields f = std::move(*m_offer);
    m_offer.reset();
    wipeFields(m_kept);
    m_kept = f; // what the vault holds
    return f;
}

void EditorDraft::discardOffer(core::Store& store) {
    if (!m_offer) return;
    wipeFields(*m_offer);
    m_offer.reset();
    (void)store.clearDraft(m_key);
    m_stored = false;
}

void EditorDraft::keep(core::Store& store, const std::function<Fields()>& current, double now,
                       double interval, bool force) {
    if (!active() || m_offer) return;
    if (!force && now - m_lastLook < interval) return;
    m_lastLook = now;
    Fields f = current();
    if (f == m_kept) {
        wipeFields(f);
        return;
    }
    Fields stored = f;
    stored[kSavedAt] = std::to_string(core::nowMillis());
    std::string text = encodeDraft(stored);
    wipeFields(stored);
    if (store.saveDraft(m_key, text)) {
        wipeFields(m_kept);
        m_kept = std::move(f);
        m_stored = true;
    } else {
        wipeFields(f);
    }
    core::wipeString(text);
}

void EditorDraft::close(core::Store& store) {
    if (active() && m_stored && !m_offer) (void)store.clearDraft(m_key);
    wipe();
}

bool offerDraft(EditorDraft& draft, core::Store& store,
                const std::function<void(const EditorDraft::Fields&)>& restore) {
    if (!draft.offered()) return false;
    switch (drawDraftOffer(draft.offeredFrom())) {
    case DraftChoice::Continue:
        if (auto f = draft.takeOffer()) {
            restore(*f);
            for (auto& [k, v] : *f)
                core::wipeString(v);
        }
        break;
    case DraftChoice::Discard:
        draft.discardOffer(store);
        break;
    default:
        break;
    }
    return draft.offered();
}

void EditorDraft::wipe() {
    wipeFields(m_kept);
    if (m_offer) wipeFields(*m_offer);
    m_offer.reset();
    m_offerFrom.clear();
    m_key.clear();
    m_stored = false;
}

} // namespace throughline::app
