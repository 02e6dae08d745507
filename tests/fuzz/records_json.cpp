// libFuzzer target "records_json": the records file (docs/records-format.md), JSON written by people and
// other tools and read as hostile input: syntax, structure, field types, enum keys, dates, refs and every
// record through validate(). Built and run by tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "throughline/records/records_json.hpp"

using namespace throughline::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Date today{2026, 3, 3};
    static const std::int64_t nowMs = today.toDays() * 86'400'000 + 14 * 3'600'000;
    std::vector<RecordsProblem> problems;
    auto file =
        parseRecordsJson(std::string_view(reinterpret_cast<const char*>(data), size), today, nowMs, problems);
    for (const auto& p : problems)
        (void)p.describe();
    if (problems.size() > maxRecordsProblems) std::abort();
    if (!problems.empty()) (void)recordsProblemsError(problems);
    (void)file.total();
    return 0;
}
