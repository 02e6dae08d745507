#pragma once
// A temporary encrypted vault for the insight and handover benchmarks: one young person's records plus
// other young people's contacts around them (so the indexes have to keep those out of the way).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

namespace tlbench {

using namespace throughline::core;

/// Stops the benchmark with a message (set-up failures are not measurements).
[[noreturn]] inline void die(const char* what, const Error& e) {
    std::fprintf(stderr, "%s: %s\n", what, e.message.c_str());
    std::exit(1);
}

/// The records of one young person, as a benchmark builds them.
struct PersonRecords {
    YoungPerson person;
    std::vector<Placement> placements;
    std::vector<NetworkMember> members;
    std::vector<ContactRecord> contacts;
    std::vector<FollowUpAction> actions;
};

/// A fresh vault (test KDF) in the temporary folder, removed again by the destructor.
struct BenchVault {
    std::filesystem::path dir;
    std::unique_ptr<Vault> vault;
    std::string ypId;

    /// Makes the vault and writes `records` (ids as given; every record is pointed at the young person)
    /// and, around them, `othersEnvVar` (default 8,000) contacts of other young people, copied from the
    /// first 2,000 of `records.contacts` without participants, 2,000 per other young person.
    BenchVault(const std::string& name, const Owner& owner, PersonRecords records, const char* othersEnvVar,
               std::function<Date()> today = {});
    ~BenchVault();
};

} // namespace tlbench
