// stats: how many records of each kind the vault holds.
#include "cli.hpp"

#include "throughline/records/records_json.hpp"
#include "throughline/records/store.hpp"

#include <cstdio>
#include <iostream>

namespace throughline::cli {

int runStats(const Args& args) {
    auto vault = openVault(args);
    auto counts = vault->store().counts();
    if (!counts) fail(counts.error());
    const auto& c = counts.value();
    if (args.has("json")) {
        std::cout << core::countsToJson(c) << "\n";
        return ExitOk;
    }
    const std::pair<const char*, std::int64_t> rows[] = {
        {"Young people", c.youngPeople},          {"Placements", c.placements},
        {"Network members", c.networkMembers},    {"Contacts", c.contacts},
        {"Follow-up actions", c.actions},         {"Missing episodes", c.missingEpisodes},
        {"Safety plan versions", c.safetyPlans},  {"Deleted (kept for audit)", c.deleted},
        {"Changes in the change log", c.changes}, {"Audit trail entries", c.auditEntries},
    };
    for (const auto& [label, n] : rows)
        std::printf("%-28s %lld\n", label, static_cast<long long>(n));
    return ExitOk;
}

} // namespace throughline::cli
