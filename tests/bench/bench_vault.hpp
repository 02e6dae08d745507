#pragma once
// A temporary encrypted vault for the insight and handover benchmarks: one young person's records plus
// other young people's contacts around them (so the indexes have to keep those out of the way). Header-only,
// shared by insight_bench.cpp and handover_bench.cpp.
#include <unistd.h>

#include <cstdio>
#include <algorithm>
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
               std::function<Date()> today = {}) {
        dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        CreateOptions opt;
        opt.owner = owner;
        opt.kdf = KdfParams::minimumForTests();
        auto created = Vault::create(dir, "bench passphrase 2026", opt);
        if (!created) die("cannot create the bench vault", created.error());
        vault = std::move(created.value().vault);
        Store& store = vault->store();
        if (today) store.setToday(today);
        ypId = records.person.meta.id;
        const char* env = std::getenv(othersEnvVar);
        const int others = env ? std::atoi(env) : 8000;
        auto st = store.transaction([&]() -> Status {
            if (auto r = store.create(records.person); !r) return r.error();
            const auto writeAll = [&](auto& list) -> Status {
                for (auto& rec : list) {
                    rec.youngPersonId = ypId;
                    if (auto r = store.create(rec); !r) return r.error();
                }
                return {};
            };
            if (auto s = writeAll(records.placements); !s) return s;
            if (auto s = writeAll(records.members); !s) return s;
            if (auto s = writeAll(records.contacts); !s) return s;
            if (auto s = writeAll(records.actions); !s) return s;
            const std::size_t pattern = std::min<std::size_t>(records.contacts.size(), 2000);
            for (int done = 0, other = 0; pattern > 0 && done < others; ++other) {
                YoungPerson yp;
                yp.name = "Other " + std::to_string(other + 1);
                if (auto r = store.create(yp); !r) return r.error();
                for (std::size_t i = 0; i < pattern && done < others; ++i, ++done) {
                    ContactRecord c = records.contacts[i];
                    c.meta = RecordMeta{};
                    c.youngPersonId = yp.meta.id;
                    c.participantIds.clear();
                    if (auto r = store.create(c); !r) return r.error();
                }
            }
            return {};
        });
        if (!st) die("cannot fill the bench vault", st.error());
    }
    ~BenchVault() {
        vault.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

} // namespace tlbench
