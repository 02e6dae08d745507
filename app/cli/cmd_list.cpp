// list: the young people in the vault, with their ids.
#include "cli.hpp"

#include "throughline/records/records_json.hpp"
#include "throughline/records/store.hpp"

#include <algorithm>
#include <iostream>

namespace throughline::cli {

namespace {

/// Display width, counting each UTF-8 code point as one column (good enough for names).
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void printTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], columns(r[i]));
        }
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size()) line += std::string(widths[i] - columns(r[i]) + 2, ' ');
        }
        std::cout << line << "\n";
    }
}

} // namespace

int runList(const Args& args) {
    auto vault = openVault(args);
    auto items = vault->store().listYoungPeople(args.get("search").value_or(""));
    if (!items) fail(items.error());
    if (args.has("json")) {
        std::cout << core::youngPeopleToJson(items.value()) << "\n";
        return ExitOk;
    }
    if (items->empty()) {
        std::cout << (args.has("search") ? "No young people match that search.\n"
                                         : "The vault holds no young people yet.\n");
        return ExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    rows.push_back(
        {"ID", "Name", "Case ref", "Home authority", "Placement since", "Last contact", "Open actions"});
    for (const auto& y : items.value()) {
        std::string name = printable(y.name);
        if (!y.preferredName.empty() && y.preferredName != y.name)
            name += " (" + printable(y.preferredName) + ")";
        rows.push_back({printable(y.id), name, y.caseReference.empty() ? "-" : printable(y.caseReference),
                        y.homeAuthority.empty() ? "-" : printable(y.homeAuthority),
                        y.placementStart ? y.placementStart->display() : "-",
                        y.lastContact ? y.lastContact->display() : "-", std::to_string(y.openActions)});
    }
    printTable(rows);
    std::cout << "\n" << items->size() << (items->size() == 1 ? " young person.\n" : " young people.\n");
    return ExitOk;
}

} // namespace throughline::cli
