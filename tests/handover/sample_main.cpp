// handover_sample DIR [--include-location | --large | --sources]: writes the fixed invented scenario (or the
// benchmark's 2,000-contact, 60-member one, or the one with records from other vaults) as
// summary.{pdf,html,md,json}, for looking at.
#include "scenario.hpp"

#include <cstdio>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    using namespace throughline::core;
    if (argc < 2) {
        std::fprintf(stderr, "usage: handover_sample DIR [--include-location | --large | --sources]\n");
        return 2;
    }
    const std::string dir = argv[1];
    RedactionOptions options;
    const bool large = argc > 2 && std::string(argv[2]) == "--large";
    const bool sources = argc > 2 && std::string(argv[2]) == "--sources";
    if (argc > 2 && std::string(argv[2]) == "--include-location") {
        options.includeLocation = true;
        options.recipient = "Dana Okafor";
    }
    auto redacted = redact(buildHandoverSummary(large     ? tlhandover::largeScenario()
                                                : sources ? tlhandover::sourcesScenario()
                                                          : tlhandover::fixedScenario()),
                           options);
    if (!redacted) return 1;
    for (auto f :
         {HandoverFormat::Pdf, HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
        auto bytes = renderHandover(redacted.value(), f);
        if (!bytes) {
            std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
            return 1;
        }
        std::ofstream(dir + "/summary." + std::string(handoverFormatKey(f)), std::ios::binary)
            << bytes.value();
    }
    return 0;
}
