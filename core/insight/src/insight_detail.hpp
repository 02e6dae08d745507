#pragma once
// Helpers shared by insight.cpp and gap_rules.cpp. Internal to core.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "throughline/insight/insight.hpp"

namespace throughline::core::detail {

/// Network members by id (deleted ones left out), looked up without copying strings.
class MemberIndex {
  public:
    explicit MemberIndex(const std::vector<NetworkMember>& members);
    const NetworkMember* find(std::string_view id) const;

  private:
    std::unordered_map<std::string_view, const NetworkMember*> m_byId;
};

/// Bit per Track (1 << track) that a contact counts for; see tracksOf.
std::uint8_t trackMask(const ContactRecord& contact, const MemberIndex& index);
/// The period's end, or today if earlier.
Date asOfDate(const InsightInput& input, const Period& period);
/// "1 day", "21 days".
std::string dayCount(std::int64_t n);

} // namespace throughline::core::detail
