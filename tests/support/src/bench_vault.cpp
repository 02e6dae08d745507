#include "throughline/testing/bench_vault.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "throughline/testing/test_vault.hpp"

namespace tlbench {

BenchVault::BenchVault(const std::string& name, const Owner& owner, PersonRecords records,
                       const char* othersEnvVar, std::function<Date()> today) {
    dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    CreateOptions opt;
    opt.owner = owner;
    opt.kdf = KdfParams::minimumForTests();
    auto created = Vault::create(dir, throughline::testing::kFixturePass, opt);
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
BenchVault::~BenchVault() {
    vault.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

} // namespace tlbench
