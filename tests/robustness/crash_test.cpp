// kill -9 in the middle of every write path (the crash loop, crash_loop.cpp): the vault opens, verifies,
// holds every write the writer reported as committed and shows nothing half-written. The default run kills
// 30 times spread over the nine paths; THROUGHLINE_CRASH_KILLS=1000 (ctest -L long, built with
// -DTHROUGHLINE_LONG_TESTS=ON) is the long run. SIGKILL is a process crash: the page cache survives it (power
// loss: power_loss_test.cpp).
#include <doctest/doctest.h>

#include "crash_loop.hpp"
#include "rob_util.hpp"

using namespace rob;

TEST_SUITE("crash") {

    TEST_CASE("kill -9 at random points of every write path: the vault opens, verifies, loses nothing and "
              "shows nothing half-written") {
        tltest::TempDir tmp;
        CrashLoopOptions o;
        o.kills = crashKills(30);
        o.root = tmp / "vaults";
        o.peerRoot = tmp / "peer";
        fs::create_directories(o.root);
        const CrashLoopResult r = runCrashLoop(o);
        CHECK(r.lost == 0);
        CHECK(r.killedWriting >= o.kills / 2); // the kills really land mid-write, not before or after
        for (const char* path : kWritePaths)
            CHECK_MESSAGE(r.kills.count(path), "no kill on the " << path << " path");
    }

} // TEST_SUITE
