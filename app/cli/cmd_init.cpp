// init: create a vault and show its recovery key once.
#include "cli.hpp"

#include <cstdio>

namespace throughline::cli {

int runInit(const Args& args) {
    auto vault = createVault(args);
    vault->lock();
    std::printf("\nThe vault is ready. Open it with the passphrase you chose.\n");
    return ExitOk;
}

} // namespace throughline::cli
