// export-person: a subject access request in one command. Everything the vault holds about one young
// person, as JSON and PDF, withholding only what the worker chooses under a named legal basis (each listed
// in the output), audited (core::exportSubjectAccess does the work and writes the audit entry).
#include "cli.hpp"

#include "throughline/subject_access/subject_access.hpp"

#include <iostream>

namespace throughline::cli {

int runExportPerson(const Args& args) {
    const auto person = args.get("young-person");
    if (!person || person->empty())
        usageError(args.command, "--young-person ID is required (see 'throughline-cli list' for ids).");
    const auto out = args.get("out");
    if (!out || out->empty())
        usageError(args.command, "--out DIR is required: a new or empty folder to write the export to.");
    const auto recipient = args.get("recipient");
    if (!recipient || recipient->empty())
        usageError(args.command, "--recipient NAME is required: the young person, or their representative.");

    core::SubjectAccessRequest request;
    request.youngPersonId = *person;
    request.recipient = *recipient;
    request.includeLocation = args.has("include-location");
    request.force = args.has("force");
    request.withholdReason = args.get("withhold-reason").value_or("");
    for (const auto& text : args.all("withhold")) {
        auto w = core::parseWithholding(text);
        if (!w) usageError(args.command, w.error().message);
        request.withhold.push_back(std::move(w).value());
    }
    if (!request.withhold.empty() && request.withholdReason.empty())
        usageError(args.command, "--withhold needs --withhold-reason TEXT: why it is withheld (it is listed "
                                 "in the export beside what was withheld).");
    if (request.withhold.empty() && !request.withholdReason.empty())
        usageError(args.command, "--withhold-reason is given but nothing is withheld (--withhold).");

    auto vault = openVault(args);
    auto done = core::exportSubjectAccess(*vault, request, *out);
    if (!done) fail(done.error());
    const auto& r = done.value();
    std::cout << "Wrote everything held about the young person to '" << printable(*out) << "':\n"
              << "  " << r.jsonFile.filename().string() << " and " << r.pdfFile.filename().string() << ": "
              << countOf(static_cast<long long>(r.records), "record", "records") << ", "
              << countOf(static_cast<long long>(r.changes), "change", "changes") << " of history, "
              << countOf(static_cast<long long>(r.auditEntries), "audit entry", "audit entries") << ".\n";
    if (r.attachmentsHeld == 0)
        std::cout << "  The vault holds no attachments about them (the manifest says so).\n";
    else
        std::cout << "  " << r.attachmentsWritten << " of "
                  << countOf(static_cast<long long>(r.attachmentsHeld), "attachment", "attachments")
                  << " written (the manifest says why any are not).\n";
    if (r.withheld == 0)
        std::cout << "Nothing was withheld.\n";
    else
        std::cout << countOf(static_cast<long long>(r.withheld), "withholding", "withholdings")
                  << " listed in the manifest with their legal basis.\n";
    if (r.locationIncluded)
        std::cout << "The placement location IS INCLUDED for " << printable(request.recipient)
                  << ". This is recorded in the audit trail. Hand the copy only to them, securely.\n";
    else
        std::cout << "The placement location was left out (the manifest says so). The export is recorded in "
                     "the audit trail.\n";
    return ExitOk;
}

} // namespace throughline::cli
