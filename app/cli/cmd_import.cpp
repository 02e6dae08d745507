// import-records: bring records in from a JSON file (docs/records-format.md), all or nothing.
#include "cli.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/records/enums.hpp"
#include "throughline/records/records_json.hpp"
#include "throughline/records/store.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

namespace throughline::cli {

namespace {

[[noreturn]] void reportProblems(const std::vector<core::RecordsProblem>& problems) {
    for (const auto& p : problems)
        std::cerr << "  " << p.describe() << "\n";
    std::string msg =
        problems.size() == 1
            ? std::string("Nothing was imported: the file has 1 problem (above). Fix it and run the "
                          "import again.")
            : "Nothing was imported: the file has " + std::to_string(problems.size()) +
                  (problems.size() >= core::maxRecordsProblems ? " or more" : "") +
                  " problems (above). Fix them and run the import again.";
    throw CliExit{ExitInvalid, msg};
}

template <class E> void listKeys(std::ostringstream& out, const char* label) {
    std::string line = std::string("  ") + label + ": ";
    bool first = true;
    for (const auto& e : core::enumEntries<E>()) {
        std::string item = (first ? "" : ", ") + std::string(e.key);
        if (line.size() + item.size() > 100) {
            out << line << (first ? "" : ",") << "\n";
            line = "      " + std::string(e.key);
        } else {
            line += item;
        }
        first = false;
    }
    out << line << "\n";
}

} // namespace

std::string importKeysHelp() {
    std::ostringstream out;
    out << "Values accepted in a records file (see docs/records-format.md):\n";
    listKeys<core::PlacementType>(out, "placement type");
    listKeys<core::Harm>(out, "placement reasons (a list)");
    listKeys<core::Track>(out, "track");
    listKeys<core::Role>(out, "role");
    listKeys<core::Place>(out, "place");
    listKeys<core::View>(out, "workerView, youngPersonView");
    listKeys<core::Arrangement>(out, "arrangement");
    listKeys<core::ContactKind>(out, "contact kind");
    listKeys<core::ContactStatus>(out, "contact status");
    listKeys<core::CancelledBy>(out, "cancelledBy");
    listKeys<core::Rating>(out, "rating");
    listKeys<core::Use>(out, "uses (a list)");
    listKeys<core::Concern>(out, "concerns (a list)");
    listKeys<core::MissingKind>(out, "missing episode kind");
    return out.str();
}

int runImportRecords(const Args& args) {
    const std::string dir = args.vaultDir();
    const std::string file = args.positional.at(0);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw CliExit{ExitNotFound, "There is no file '" + file + "'. Nothing was imported."};
    // Check the whole file before asking for the passphrase: most problems need no vault to find.
    std::vector<core::RecordsProblem> problems;
    auto records = core::readRecordsFile(file, core::Date::today(), core::nowMillis(), problems);
    if (!problems.empty()) reportProblems(problems);
    if (args.has("dry-run")) {
        std::cout << "The file is valid: " << records.total()
                  << " records ready to import. Nothing was written (--dry-run).\n"
                     "References to records already in a vault are checked when importing.\n";
        return ExitOk;
    }
    auto vault = openVault(args);
    auto imported = core::importRecords(vault->store(), vault->audit(), records, file, problems);
    if (!imported) {
        if (!problems.empty()) reportProblems(problems);
        fail(imported.error());
    }
    const auto& s = imported.value();
    std::cout << "Imported " << countOf(s.total(), "record", "records") << ": "
              << countOf(s.youngPeople, "young person", "young people") << ", "
              << countOf(s.placements, "placement", "placements") << ", "
              << countOf(s.networkMembers, "network member", "network members") << ", "
              << countOf(s.contacts, "contact", "contacts") << ", "
              << countOf(s.actions, "follow-up action", "follow-up actions") << ", "
              << countOf(s.missingEpisodes, "missing episode", "missing episodes");
    if (s.safetyPlans)
        std::cout << ", " << countOf(s.safetyPlans, "safety plan version", "safety plan versions");
    std::cout << ".\n";
    return ExitOk;
}

} // namespace throughline::cli
