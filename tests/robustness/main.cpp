// doctest's main, except that a run in which a test was skipped (the disk-full tests without a tmpfs: they
// need root) and nothing failed exits 77, which ctest reports as skipped (SKIP_RETURN_CODE), not passed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "rob_util.hpp"

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || result != 0) return result;
    return rob::skipped() ? 77 : 0;
}
