// ui_make_sync_vaults OUT_DIR [--sync-on-unlock]: vaults for screenshots of the sync screens. OUT_DIR/a (Alex
// Testworker, with two contacts, one of them not verified, three open conflicts — one on the placement
// address —, a received summary and folder sync set up), OUT_DIR/b (Sol Brannigan), OUT_DIR/files (cards and
// bundles), OUT_DIR/pass (the passphrase). Invented.
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/records/demo.hpp"
#include "throughline/vault/key_header.hpp"
#include <throughline/sync/exchange.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using namespace throughline;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--sync-on-unlock")) {
        std::fprintf(stderr, "usage: ui_make_sync_vaults OUT_DIR [--sync-on-unlock]\n");
        return 2;
    }
    const fs::path out = argv[1];
    try {
        fs::create_directories(out);
        std::ofstream(out / "pass") << testing::kFixturePass << "\n";
        const auto files = out / "files";
        auto pair = testing::makeSyncPair(out / "a", out / "b", files, true);
        testing::makeConflicts(pair, out / "a", out / "b", files);
        testing::makeLocationConflict(pair, out / "a", out / "b", files); // shown as Hidden until revealed
        // A third colleague whose card is imported but not yet verified.
        {
            auto a = testing::openFixtureVault(out / "a");
            testing::addUnverifiedColleague(*a, out / "c",
                                            {"Wren Hallam", "Independent visitor", "Wendlow Vale Advocacy"});
            core::DemoOptions d;
            d.seed = 5;
            d.youngPeople = 2;
            d.contacts = 80;
            if (!core::generateDemo(a->store(), d)) throw std::runtime_error("demo");
            core::sync::FolderSettings f;
            f.outbox = out / "sync" / "outbox";
            f.inbox = out / "sync" / "inbox";
            fs::create_directories(f.outbox);
            fs::create_directories(f.inbox);
            f.syncOnUnlock = argc == 3;
            if (auto st = core::sync::setFolderSettings(*a, f); !st)
                throw std::runtime_error(st.error().message);
            a->lock();
        }
        std::printf("%s\n", pair.ids.youngPerson.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ui_make_sync_vaults: %s\n", e.what());
        return 1;
    }
    return 0;
}
