// verify: check the key file, database integrity, change log and audit chain.
#include "cli.hpp"

#include <iostream>

namespace throughline::cli {

int runVerify(const Args& args) {
    const std::string dir = args.vaultDir();
    // A header or database too damaged to open fails here with exit code 4 (and says so).
    auto vault = openVault(args);
    std::cout << "Checking the vault in '" << dir << "'\n";
    if (vault->headerWasRepaired())
        std::cout << "  NOTE     The key file was damaged and was restored from its backup when unlocking.\n";
    auto report = vault->verify();
    if (!report) {
        std::cout << "  PROBLEM  " << report.error().message << "\n";
        std::cout.flush();
        fail(report.error());
    }
    for (const auto& c : report->checks)
        std::cout << "  ok       " << c << "\n";
    for (const auto& p : report->problems)
        std::cout << "  PROBLEM  " << p << "\n";
    if (report->ok && report->problems.empty()) {
        std::cout << "\nAll checks passed.\n";
        return ExitOk;
    }
    std::cout << "\n"
              << report->problems.size() << (report->problems.size() == 1 ? " problem" : " problems")
              << " found. The vault may be damaged or have been tampered with: keep a copy of the folder as "
                 "it is,\n"
                 "and restore from a backup.\n";
    return ExitDamaged;
}

} // namespace throughline::cli
