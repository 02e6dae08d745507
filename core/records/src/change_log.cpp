// The change log's causal bookkeeping (see change_log.hpp and docs/bundle-format.md §5).
#include "throughline/records/change_log.hpp"

#include <algorithm>
#include <unordered_set>

namespace throughline::core::detail {

std::string changeRef(std::uint64_t hlc, const std::string& device) {
    return std::to_string(hlc) + "@" + device;
}

std::string makeBase(std::vector<std::string> refs) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    // A base names at most kMaxBaseRefs changes (the bundle format's limit). Dropping the rest keeps the log
    // exportable; it can only leave a conflict open, never hide one.
    if (refs.size() > kMaxBaseRefs) refs.resize(kMaxBaseRefs);
    std::string out;
    for (const auto& r : refs) {
        if (!out.empty()) out += ',';
        out += r;
    }
    return out;
}

std::vector<std::string_view> splitBase(std::string_view base) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < base.size()) {
        std::size_t end = base.find(',', start);
        if (end == std::string_view::npos) end = base.size();
        out.push_back(base.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool validDevice(std::string_view device) {
    if (device.empty() || device.size() > 64) return false;
    for (char ch : device)
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
    return true;
}

bool validBase(std::string_view base, std::size_t maxRefs) {
    if (base.empty()) return true;
    if (base.back() == ',') return false;
    const auto refs = splitBase(base);
    if (refs.size() > maxRefs) return false;
    for (auto r : refs) {
        const auto at = r.find('@');
        if (at == 0 || at == std::string_view::npos || at > 20 || at + 1 >= r.size()) return false;
        for (std::size_t i = 0; i < at; ++i)
            if (r[i] < '0' || r[i] > '9') return false;
        if (!validDevice(r.substr(at + 1))) return false;
    }
    return true;
}

std::map<std::string, std::vector<const Change*>> headsByField(const std::vector<Change>& changes) {
    // Refs named as base by a change of the same field (a deletion's base spans fields but only decides
    // edit-against-delete conflicts, not which edits are heads).
    std::map<std::string, std::vector<const Change*>> byField;
    for (const auto& c : changes)
        byField[c.field].push_back(&c);
    std::map<std::string, std::vector<const Change*>> out;
    for (auto& [field, list] : byField) {
        std::unordered_set<std::string> named;
        std::map<std::string, std::uint64_t> lastOfDevice;
        for (const Change* c : list) {
            for (auto r : splitBase(c->base))
                named.emplace(r);
            auto& last = lastOfDevice[c->device];
            last = std::max(last, c->hlc);
        }
        auto& heads = out[field];
        for (const Change* c : list)
            if (c->hlc == lastOfDevice[c->device] && !named.count(changeRef(c->hlc, c->device)))
                heads.push_back(c);
        std::sort(heads.begin(), heads.end(),
                  [](const Change* a, const Change* b) { return laterThan(*a, *b); });
    }
    return out;
}

std::string editBase(const std::vector<Change>& changes, const std::string& field) {
    const Change* latest = nullptr;
    for (const auto& c : changes)
        if (c.field == field && (!latest || laterThan(c, *latest))) latest = &c;
    return latest ? changeRef(latest->hlc, latest->device) : std::string();
}

std::string headsBase(const std::vector<Change>& changes, const std::string& field) {
    std::vector<std::string> refs;
    for (const auto& [f, heads] : headsByField(changes)) {
        if (!field.empty() && f != field) continue;
        for (const Change* h : heads)
            refs.push_back(changeRef(h->hlc, h->device));
    }
    return makeBase(std::move(refs));
}

} // namespace throughline::core::detail
