// The one redaction policy (redaction.hpp, docs/redaction.md).
#include "throughline/records/redaction.hpp"
#include "throughline/base/text.hpp"

#include <algorithm>
#include <cctype>

namespace throughline::core {

namespace {

// Half-open byte ranges of the text that hold a confidential string, merged where they overlap or touch.
std::vector<std::pair<std::size_t, std::size_t>> hits(std::string_view text,
                                                      const std::vector<std::string>& needles) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (text.empty() || needles.empty()) return out;
    const std::string lower = lowerAscii(text);
    // Marks already in the text (masked once before, e.g. by the vault that sent it) are left whole: a short
    // confidential string such as "tai" must not cut into "detail".
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    for (std::size_t pos = text.find(kWithheldMark); pos != std::string_view::npos;
         pos = text.find(kWithheldMark, pos + 1))
        marks.emplace_back(pos, pos + kWithheldMark.size());
    const auto insideMark = [&](std::size_t b, std::size_t e) {
        return std::any_of(marks.begin(), marks.end(),
                           [&](const auto& m) { return b >= m.first && e <= m.second; });
    };
    for (const auto& needle : needles)
        for (std::size_t pos = lower.find(needle); pos != std::string::npos;
             pos = lower.find(needle, pos + 1))
            if (!insideMark(pos, pos + needle.size())) out.emplace_back(pos, pos + needle.size());
    std::sort(out.begin(), out.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& h : out) {
        if (!merged.empty() && h.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, h.second);
        else
            merged.push_back(h);
    }
    return merged;
}

} // namespace

bool isConfidentialField(RecordKind kind, std::string_view field) {
    return kind == RecordKind::Placement &&
           (field == "location_address" || field == "location_name" || field == "provider");
}

std::string_view confidentialFieldLabel(std::string_view field) {
    if (field == "location_address") return "address";
    if (field == "location_name") return "carer or home name";
    if (field == "provider") return "provider";
    return {};
}

void ConfidentialSet::addPlacement(const Placement& placement) {
    addPlacement(placement.locationAddress, placement.locationName, placement.provider);
}

void ConfidentialSet::addPlacement(std::string_view address, std::string_view locationName,
                                   std::string_view provider) {
    auto add = [&](std::string_view v) {
        const std::string_view t = trimmed(v);
        if (t.size() >= 3) m_candidates.push_back(lowerAscii(t));
    };
    add(address);
    for (std::size_t b = 0; b <= address.size();) {
        std::size_t e = address.find_first_of(",\n", b);
        if (e == std::string_view::npos) e = address.size();
        const std::string_view part = trimmed(address.substr(b, e - b));
        add(part);
        const std::size_t space = part.find(' ');
        if (space != std::string_view::npos &&
            std::any_of(part.begin(), part.begin() + static_cast<long>(space),
                        [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
            add(part.substr(space + 1));
        b = e + 1;
    }
    // Names as people write them: "The Birches" is also "Birches", "Wrenfield Care Ltd" also "Wrenfield
    // Care".
    for (std::string_view name : {locationName, provider}) {
        name = trimmed(name);
        add(name);
        std::string_view core = name;
        if (const std::string l = lowerAscii(core.substr(0, 4)); l == "the ") core = trimmed(core.substr(4));
        for (std::string_view suffix :
             {" ltd", " ltd.", " limited", " plc", " llp", " cic", " inc", " inc."}) {
            const std::string l = lowerAscii(core);
            if (l.size() > suffix.size() && l.compare(l.size() - suffix.size(), suffix.size(), suffix) == 0) {
                core = trimmed(core.substr(0, core.size() - suffix.size()));
                if (!core.empty() && core.back() == ',') core = trimmed(core.substr(0, core.size() - 1));
                break;
            }
        }
        if (core != name) add(core);
    }
    m_dirty = true;
}

void ConfidentialSet::allow(std::string_view shared) {
    const std::string_view t = trimmed(shared);
    if (t.empty()) return;
    m_allowed.push_back(lowerAscii(t));
    m_dirty = true;
}

const std::vector<std::string>& ConfidentialSet::needles() const {
    if (!m_dirty) return m_needles;
    m_needles.clear();
    for (const auto& c : m_candidates)
        if (std::find(m_allowed.begin(), m_allowed.end(), c) == m_allowed.end()) m_needles.push_back(c);
    std::sort(m_needles.begin(), m_needles.end(), [](const auto& a, const auto& b) {
        if (a.size() != b.size()) return a.size() > b.size();
        return a < b;
    });
    m_needles.erase(std::unique(m_needles.begin(), m_needles.end()), m_needles.end());
    m_dirty = false;
    return m_needles;
}

std::size_t ConfidentialSet::mask(std::string& text) const {
    const auto ranges = hits(text, needles());
    if (ranges.empty()) return 0;
    std::string out;
    out.reserve(text.size() + ranges.size() * kWithheldMark.size());
    std::size_t last = 0;
    for (const auto& [b, e] : ranges) {
        out.append(text, last, b - last);
        out += kWithheldMark;
        last = e;
    }
    out.append(text, last, std::string::npos);
    text = std::move(out);
    return ranges.size();
}

bool ConfidentialSet::foundIn(std::string_view text) const {
    return !hits(text, needles()).empty();
}

} // namespace throughline::core
