#pragma once
// The one redaction policy for everything that leaves the vault: handover summaries (every format), sync
// bundles, and any view or message that may show record text. The confidential set of a young person is the
// address, the carer or home name and the provider of every one of their placements, current and past; any
// text that contains a part of them is masked the same way wherever it goes (docs/redaction.md).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "throughline/records/enums.hpp"
#include "throughline/records/records.hpp"

namespace throughline::core {

/// What replaces a confidential string inside other text, so a reader sees that something was withheld.
inline constexpr std::string_view kWithheldMark = "[placement detail withheld]";

/// The confidential fields of a record kind: a placement's location_address, location_name and provider.
/// They leave the vault only by a deliberate, audited choice, and then only their current value.
bool isConfidentialField(RecordKind kind, std::string_view field);

/// Plain-English name of a confidential field ("address", "carer or home name", "provider"), for audit
/// entries and messages; empty for other fields.
std::string_view confidentialFieldLabel(std::string_view field);

/// The strings that must not leave the vault for one young person, and the masking of any text that
/// contains one. Matching is case-insensitive (ASCII) and by substring, so it errs towards withholding.
class ConfidentialSet {
  public:
    /// Adds one placement: the address whole, each of its comma- or line-separated parts, each part without
    /// a leading house or flat number ("7 Plover Rise" is also written "Plover Rise"), the carer or home
    /// name and the provider, each also without a leading "The" and a trailing "Ltd", "Limited", "plc",
    /// "LLP", "CIC" or "Inc". Strings shorter than three characters are ignored (they would mask at random).
    void addPlacement(const Placement& placement);
    void addPlacement(std::string_view address, std::string_view locationName, std::string_view provider);
    /// A value that is shared on purpose and is never withheld on its own, even when it is also part of an
    /// address: the placement area, the home authority.
    void allow(std::string_view shared);

    bool empty() const { return needles().empty(); }
    /// Lower-cased strings to withhold, longest first (then alphabetical).
    const std::vector<std::string>& needles() const;

    /// Replaces every occurrence of any confidential string with kWithheldMark in one pass over the text
    /// (overlapping occurrences become one mark). Returns how many marks were put in.
    std::size_t mask(std::string& text) const;
    /// Whether the text contains any confidential string (the check used before anything leaves).
    bool foundIn(std::string_view text) const;

  private:
    std::vector<std::string> m_candidates, m_allowed;
    mutable std::vector<std::string> m_needles;
    mutable bool m_dirty = false;
};

} // namespace throughline::core
