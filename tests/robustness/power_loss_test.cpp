// Power loss, simulated (power_loss_shim.c, power_loss.cpp): the crash loop's writer runs with the shim
// preloaded; after each SIGKILL every write, truncation, creation, rename and unlink that no later
// fsync/fdatasync made durable is undone, and the vault must still open, verify, hold every write reported
// as committed and show nothing half-written. What the shim does and does not model: docs/testing.md.
#include <doctest/doctest.h>

#include "crash_loop.hpp"
#include "rob_util.hpp"

using namespace rob;

TEST_SUITE("power-loss") {

    TEST_CASE("power lost at random points of every write path: what was synced is enough") {
        tltest::TempDir tmp;
        CrashLoopOptions o;
        o.kills = crashKills(18);
        o.root = tmp / "vaults";
        o.peerRoot = tmp / "peer";
        o.shim = POWER_LOSS_SHIM;
        fs::create_directories(o.root);
        const CrashLoopResult r = runCrashLoop(o);
        CHECK(r.lost == 0);
        CHECK(r.killedWriting >= o.kills / 2);
        CHECK(r.rolledBackWrites > 0); // the shim really saw the writer's unsynced writes
        for (const char* path : kWritePaths)
            CHECK_MESSAGE(r.kills.count(path), "no kill on the " << path << " path");
    }

} // TEST_SUITE
