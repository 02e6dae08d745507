// demo: fill a vault (created if missing) with deterministic invented records.
#include "cli.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/records/demo.hpp"
#include "throughline/records/store.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace throughline::cli {

int runDemo(const Args& args) {
    core::DemoOptions options;
    if (auto seed = args.get("seed")) {
        auto [ptr, ec] = std::from_chars(seed->data(), seed->data() + seed->size(), options.seed);
        if (seed->empty() || ec != std::errc() || ptr != seed->data() + seed->size())
            usageError(args.command,
                       "--seed must be a whole number from 0 to 18446744073709551615, not '" + *seed + "'.");
    }
    options.youngPeople = static_cast<int>(
        integerOption(args, "young-people", options.youngPeople, 1, core::DemoLimits::maxYoungPeople));
    options.contacts =
        static_cast<int>(integerOption(args, "contacts", options.contacts, 0, core::DemoLimits::maxContacts));
    if (args.has("today")) {
        const core::Date d = dateOption(args, "today");
        if (d > core::Date::today()) usageError(args.command, "--today cannot be in the future.");
        options.today = d;
    }

    const std::string dir = args.vaultDir();
    std::unique_ptr<core::Vault> vault;
    if (core::Vault::exists(dir)) {
        vault = openVault(args);
    } else {
        vault = createVault(args);
        std::printf("\n");
    }

    auto started = std::chrono::steady_clock::now();
    core::DemoSummary summary;
    core::Status st = core::generateDemo(vault->store(), options, &summary);
    if (!st) {
        std::fprintf(stderr,
                     "throughline-cli: the demo stopped part way: %lld young people were written in full.\n",
                     static_cast<long long>(summary.youngPeople));
        fail(st.error());
    }
    const std::string detail = "Demo data generated (seed " + std::to_string(options.seed) +
                               "): " + countOf(summary.youngPeople, "young person", "young people") + ", " +
                               countOf(summary.placements, "placement", "placements") + ", " +
                               countOf(summary.networkMembers, "network member", "network members") + ", " +
                               countOf(summary.contacts, "contact", "contacts") + ", " +
                               countOf(summary.actions, "follow-up action", "follow-up actions") + ", " +
                               countOf(summary.missingEpisodes, "missing episode", "missing episodes");
    if (core::Status a = vault->audit().append(core::AuditKind::RecordsImported, detail); !a) fail(a.error());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s.\nAll names, places and stories are invented. (%.1f s)\n", detail.c_str(), seconds);
    return ExitOk;
}

} // namespace throughline::cli
