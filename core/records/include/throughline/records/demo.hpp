#pragma once
// Deterministic synthetic vault contents for demos, screenshots, tests and benchmarks.
// Every name, place and story is invented.
#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"

#include <cstdint>
#include <optional>

namespace throughline::core {

class Store;

/// What to generate. The same options (and the same `today`) always give the same records.
struct DemoOptions {
    std::uint64_t seed = 1;
    int youngPeople = 6;
    int contacts = 600; // in total, spread over the young people
    /// The day the demo is "as of" (placements current, contacts up to here). Empty: Date::today().
    std::optional<Date> today;
};

/// How much a demo run wrote.
struct DemoSummary {
    std::int64_t youngPeople = 0, placements = 0, networkMembers = 0, contacts = 0, actions = 0,
                 missingEpisodes = 0;
};

/// Upper bounds accepted by generateDemo (to refuse a typo that would fill the disk).
struct DemoLimits {
    static constexpr int maxYoungPeople = 10'000;
    static constexpr int maxContacts = 10'000'000;
};

/// Small, fast, seeded PRNG (splitmix64): same output on every platform and library version.
class DemoRandom {
  public:
    explicit DemoRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /// Uniform-ish integer in [lo, hi] (inclusive; modulo bias is irrelevant here).
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    /// True with probability `percent` / 100.
    bool chance(int percent);

  private:
    std::uint64_t m_state;
};

/// Fills `store` with invented young people, placements, networks, contacts, follow-up actions and
/// missing episodes, one transaction per young person. Adds to whatever the vault already holds.
/// `summary` (optional) receives what was written, including on a partial failure (earlier young
/// people stay; the one being written when it failed is rolled back).
Status generateDemo(Store& store, const DemoOptions& options, DemoSummary* summary = nullptr);

} // namespace throughline::core
