// A deliberate wrong-way include: the records module reaching up into handover. It must not compile against
// the records library's include folders (ctest: architecture.wrong_way_include_fails); if it ever does, a
// module can see headers above it and the build no longer enforces the rule.
#include "throughline/handover/handover.hpp"

int throughlineWrongWayProbe() {
    return 0;
}
