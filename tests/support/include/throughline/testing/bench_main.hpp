#pragma once
// The command line every cached-vault benchmark reads (header-only: only the benchmarks link Google
// Benchmark).
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace tlbench {

/// Takes `--prepare-only` (build the caches, print where they are, run nothing) out of the arguments, hands
/// the rest to Google Benchmark and initialises libsodium. Returns false, having said why, when the program
/// should stop with status 1 (an argument Google Benchmark does not know, or no libsodium).
inline bool startBenchmarks(int argc, char** argv, bool& prepareOnly) {
    prepareOnly = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--prepare-only") == 0)
            prepareOnly = true;
        else
            args.push_back(argv[i]);
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    if (benchmark::ReportUnrecognizedArguments(n, args.data())) return false;
    if (sodium_init() < 0) {
        std::fprintf(stderr, "%s: libsodium failed to initialise\n",
                     std::filesystem::path(argv[0]).filename().c_str());
        return false;
    }
    return true;
}

} // namespace tlbench
