// summary: a handover summary of one young person for a period, as PDF, HTML, Markdown or JSON. The
// placement location is left out unless included on purpose for a named recipient; every export is
// written to the audit trail (core::buildHandover does both).
#include "cli.hpp"

#include "throughline/handover/export.hpp"
#include "throughline/base/files.hpp"

#include <iostream>

namespace throughline::cli {

namespace {

std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    return s.substr(b);
}

} // namespace

int runSummary(const Args& args) {
    const auto person = args.get("young-person");
    if (!person || person->empty())
        usageError(args.command, "--young-person ID is required (see 'throughline-cli list' for ids).");
    const auto formatText = args.get("format");
    if (!formatText) usageError(args.command, "--format is required: pdf, html, md or json.");
    const auto format = core::handoverFormatFromKey(*formatText);
    if (!format)
        usageError(args.command, "Unknown --format '" + *formatText + "': use pdf, html, md or json.");
    const auto out = args.get("out");
    if (!out || out->empty()) usageError(args.command, "--out FILE is required: where to write the summary.");

    core::HandoverRequest request;
    request.youngPersonId = *person;
    request.format = *format;
    request.today = args.has("today") ? dateOption(args, "today") : core::Date::today();
    if (args.has("from")) request.from = dateOption(args, "from");
    if (args.has("to")) request.to = dateOption(args, "to");
    if (request.from && request.to && *request.from > *request.to)
        usageError(args.command, "--from must not be after --to.");
    if (request.from && !request.to && *request.from > request.today)
        usageError(args.command, "--from must not be after today.");
    request.redaction.recipient = trimmed(args.get("recipient").value_or(""));
    request.redaction.includeLocation = args.has("include-location");
    if (request.redaction.includeLocation && request.redaction.recipient.empty())
        usageError(args.command,
                   "--include-location needs --recipient NAME: the placement location is only ever "
                   "included for a named person, and that is recorded in the audit trail.");

    auto vault = openVault(args);
    auto exported = core::buildHandover(*vault, request);
    if (!exported) fail(exported.error());
    const auto& e = exported.value();
    const std::vector<std::uint8_t> bytes(e.bytes.begin(), e.bytes.end());
    if (auto s = core::atomicWriteFile(*out, bytes); !s)
        fail(core::makeError(s.error().code,
                             s.error().message +
                                 " The export is already noted in the audit trail; nothing else "
                                 "was changed."));
    std::cout << "Wrote the handover summary (" << e.period.from.display() << " to " << e.period.to.display()
              << ") to '" << *out << "'.\n";
    if (e.locationIncluded)
        std::cout << "The placement location IS INCLUDED for " << request.redaction.recipient
                  << ". This is recorded in the audit trail. Send the file only to them, securely.\n";
    else
        std::cout << "The placement location was left out. The export is recorded in the audit trail.\n";
    return ExitOk;
}

} // namespace throughline::cli
