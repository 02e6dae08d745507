// throughline-cli: a headless front end on the core. The verbs live in cmd_*.cpp; this file holds the
// command table and the dispatch.
#include "cli.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <cstdio>
#include <exception>
#include <iostream>

#ifndef THROUGHLINE_VERSION
#define THROUGHLINE_VERSION "dev"
#endif

namespace throughline::cli {

int runInit(const Args&);
int runDemo(const Args&);
int runList(const Args&);
int runStats(const Args&);
int runVerify(const Args&);
int runPasswd(const Args&);
int runImportRecords(const Args&);
int runSummary(const Args&);
int runInsight(const Args&);
int runExportPerson(const Args&);
std::string importKeysHelp();
int runCard(const Args&);
int runContacts(const Args&);
int runShare(const Args&);
int runExport(const Args&);
int runImportBundles(const Args&);
int runConflicts(const Args&);
int runSettle(const Args&);
int runSync(const Args&);
int runReceived(const Args&);

namespace {

std::vector<OptionSpec> ownerOptions() {
    return {{"owner", "NAME", "Your name, shown as the author of records (default \"Key worker\")."},
            {"role", "ROLE", "Your role, e.g. \"Residential key worker\"."},
            {"organisation", "ORG", "Your organisation, e.g. \"Harlow Vale Council\"."}};
}

template <class... Ts> std::vector<OptionSpec> join(std::vector<OptionSpec> a, Ts... rest) {
    (a.insert(a.end(), rest.begin(), rest.end()), ...);
    return a;
}

} // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"init", "Create a new, empty vault and show its recovery key.", "", 0,
         "The folder is created if needed and must not already hold a vault. You choose a passphrase of at\n"
         "least 10 characters (asked twice at a terminal). The recovery key is shown once: write it down or\n"
         "print it and keep it somewhere safe, away from the laptop.",
         join({vaultOption()}, ownerOptions(), std::vector<OptionSpec>{passphraseFileOption(), kdfOption()}),
         runInit},
        {"demo", "Fill a vault with invented, realistic records (created if missing).", "", 0,
         "The same --seed always gives the same records, so demos and tests are repeatable. Every name,\n"
         "place and story is invented. Records are added to whatever the vault already holds.",
         join({vaultOption(),
               {"seed", "N", "Seed for the generator (default 1)."},
               {"young-people", "N", "How many young people (default 6)."},
               {"contacts", "N", "How many contact records in total (default 600)."},
               {"today", "DATE", "The date the demo is as of, YYYY-MM-DD (default today).", true}},
              ownerOptions(), std::vector<OptionSpec>{passphraseFileOption(), kdfOption()}),
         runDemo},
        {"list",
         "List the young people in the vault, with their ids.",
         "",
         0,
         "",
         {vaultOption(),
          {"search", "TEXT", "Only those whose name, preferred name or case reference matches."},
          {"json", "", "Print JSON instead of a table."},
          passphraseFileOption()},
         runList},
        {"stats",
         "Count the records in the vault.",
         "",
         0,
         "",
         {vaultOption(), {"json", "", "Print JSON instead of a table."}, passphraseFileOption()},
         runStats},
        {"verify",
         "Check the vault: key file, database integrity, change log and audit trail.",
         "",
         0,
         "Prints each check. Exits with 4 if anything is damaged or looks tampered with.",
         {vaultOption(), passphraseFileOption()},
         runVerify},
        {"passwd",
         "Change the vault's passphrase.",
         "",
         0,
         "Unlock with the current passphrase, or with the recovery key if the passphrase is forgotten.\n"
         "The new passphrase comes from --new-passphrase-file, else $THROUGHLINE_NEW_PASSPHRASE, else it is\n"
         "asked for twice. The recovery key stays the same.",
         {vaultOption(),
          passphraseFileOption(),
          {"recovery-key-file", "FILE", "Unlock with the recovery key on the first line of FILE instead."},
          {"new-passphrase-file", "FILE", "Read the new passphrase from the first line of FILE."},
          kdfOption()},
         runPasswd},
        {"import-records",
         "Import records from a JSON file (see docs/records-format.md).",
         "FILE.json",
         1,
         "The whole file is checked before anything is written: every record, field, value and reference.\n"
         "If anything is wrong, every problem is listed (naming the record and field) and nothing is\n"
         "imported. Otherwise all records are written in one go and the import is noted in the audit trail.",
         {vaultOption(),
          passphraseFileOption(),
          {"dry-run", "", "Check the file only; do not open the vault or write anything."}},
         runImportRecords,
         importKeysHelp},
        {"summary",
         "Write a handover summary of one young person (PDF, HTML, Markdown or JSON).",
         "",
         0,
         "The summary covers --from to --to; without them, since the last summary sent to --recipient, else\n"
         "the whole placement so far. The placement address, carer or home name and provider are left out\n"
         "unless you add --include-location with --recipient NAME. Every export is recorded in the audit\n"
         "trail, naming the recipient and whether the location was included.",
         {vaultOption(),
          {"young-person", "ID", "The young person (ids are shown by 'throughline-cli list')."},
          {"from", "DATE", "First day of the period, YYYY-MM-DD."},
          {"to", "DATE", "Last day of the period, YYYY-MM-DD (default today)."},
          {"format", "FORMAT", "pdf, html, md or json."},
          {"out", "FILE", "Where to write the summary (replaced if it exists)."},
          {"recipient", "NAME", "Who the summary is for (named in the summary and the audit trail)."},
          {"include-location", "", "Include the placement location, for --recipient only (audited)."},
          {"today", "DATE", "The date the summary is as of, YYYY-MM-DD (default today).", true},
          passphraseFileOption()},
         runSummary},
        {"export-person",
         "Write everything held about one young person (a subject access request): JSON and PDF.",
         "",
         0,
         "Writes subject-access.json (schema throughline.subject-access/1, see docs/subject-access.md) and\n"
         "subject-access.pdf to --out: every record of the young person with its full history, the audit\n"
         "entries about them and the files received about them. Nothing is withheld unless you say so with\n"
         "--withhold, each with its legal basis and --withhold-reason; every withholding is listed in the\n"
         "output. You decide what the law allows you to withhold; the tool records it. The placement "
         "location\n"
         "is left out unless you add --include-location. Recorded in the audit trail (ids, no content).\n"
         "--withhold takes: third-party (every family, peer or community member's identity, replaced by\n"
         "their role), third-party:MEMBER_ID (one person), record:ID:BASIS (a whole record; BASIS is\n"
         "serious-harm, crime-prevention or third-party).",
         {vaultOption(),
          {"young-person", "ID", "The young person (ids are shown by 'throughline-cli list')."},
          {"out", "DIR", "A new or empty folder to write the export to."},
          {"recipient", "NAME", "Who the copy is for: the young person, or their representative."},
          {"withhold", "WHAT", "Withhold under a legal basis (see above); may be repeated.", false, true},
          {"withhold-reason", "TEXT", "Why (listed in the export beside what was withheld)."},
          {"include-location", "", "Include the placement location (audited)."},
          {"force", "", "Write into a folder that already holds files, replacing the export's own."},
          passphraseFileOption()},
         runExportPerson},
        {"insight",
         "Show the relational picture of one young person: tracks, places, phases, gaps.",
         "",
         0,
         "Counts contacts by track (practitioner, family, peer & community), place (home area,\n"
         "placement area, online) and phase (before the move, during the placement, ending it), gives\n"
         "each network member's status (maintained, disrupted, new or dormant) and trend, and lists the\n"
         "gaps and silences with the records behind them. The period defaults to the current placement\n"
         "so far. Read-only; the placement location is never shown.",
         {vaultOption(),
          {"young-person", "ID", "The young person (ids are shown by 'throughline-cli list')."},
          {"from", "DATE", "First day of the period, YYYY-MM-DD (default: the placement's start)."},
          {"to", "DATE", "Last day of the period, YYYY-MM-DD (default today, or the placement's end)."},
          {"json", "", "Print JSON (schema throughline.insight/1, see docs/cli.md) instead of text."},
          {"today", "DATE", "The date the picture is as of, YYYY-MM-DD (default today).", true},
          passphraseFileOption()},
         runInsight},
        {"card",
         "Export this vault's contact card, import a colleague's, or show your fingerprint and QR code.",
         "export|import|show [FILE]",
         1,
         "'card export --out FILE' writes your card (your name, role, organisation and public keys) to give "
         "to\n"
         "colleagues. 'card import FILE' adds theirs; it stays unverified until you have compared the\n"
         "fingerprint with them and imported it again with --verified. Bundles from unverified contacts are\n"
         "refused. 'card show' prints your fingerprint and the same QR code as the app.",
         {vaultOption(),
          {"out", "FILE", "Where to write your card (card export)."},
          {"verified", "", "You have compared the fingerprint with its owner (card import)."},
          passphraseFileOption()},
         runCard,
         nullptr,
         2},
        {"contacts",
         "List contacts; mark one as verified, or remove one.",
         "[verify|remove]",
         0,
         "With no action: every contact's name, organisation, fingerprint, whether you have verified it, "
         "and\n"
         "who is shared with them. 'contacts verify --contact NAME' records that you have compared the\n"
         "fingerprint with its owner. 'contacts remove --contact NAME' removes them and what is shared with\n"
         "them; records already received from them stay. Both are written to the audit trail.",
         {vaultOption(),
          {"json", "", "Print JSON instead of text."},
          {"contact", "NAME_OR_FINGERPRINT", "The contact (for verify and remove)."},
          passphraseFileOption()},
         runContacts,
         nullptr,
         1},
        {"share",
         "Let a contact receive a young person's records.",
         "",
         0,
         "Nothing is shared by default. After sharing someone new, export with --full to send what was\n"
         "recorded before.",
         {vaultOption(),
          {"contact", "NAME_OR_FINGERPRINT", "The contact (name, or the start of the fingerprint)."},
          {"young-person", "ID", "The young person's id (see 'list'); may be repeated.", false, true},
          passphraseFileOption()},
         runShare},
        {"unshare",
         "Stop sharing a young person with a contact.",
         "",
         0,
         "",
         {vaultOption(),
          {"contact", "NAME_OR_FINGERPRINT", "The contact (name, or the start of the fingerprint)."},
          {"young-person", "ID", "The young person's id; may be repeated.", false, true},
          passphraseFileOption()},
         runShare},
        {"export",
         "Write an encrypted, signed bundle of changes for one contact.",
         "",
         0,
         "Sends what this contact has not been sent yet (everything with --full), only for the young people\n"
         "shared with them. The placement's confidential address and carer or home name are left out unless\n"
         "--include-location is given, which is written to the audit trail. See docs/bundle-format.md.",
         {vaultOption(),
          {"to", "CONTACT", "The recipient (name, or the start of the fingerprint)."},
          {"young-person", "ID", "Only this young person (must be shared with them); may be repeated.", false,
           true},
          {"full", "", "Everything in scope, not only what is new for them."},
          {"include-location", "", "Include the confidential placement location (audited)."},
          {"attach-summary", "", "Also carry each young person's handover summary as a PDF."},
          {"out", "FILE", "The bundle file to write."},
          passphraseFileOption()},
         runExport},
        {"import",
         "Import bundles from contacts: check each in full, then merge it.",
         "FILE...",
         1,
         "Each file is checked before anything is written: it must be addressed to this vault, intact,\n"
         "signed by a verified contact. Bundles may arrive in any order. A bundle imported before, or one\n"
         "whose every change is already here, changes nothing and says so. Changes are merged field by "
         "field; two different edits of one\n"
         "field are both kept as a conflict.",
         {vaultOption(), passphraseFileOption()},
         runImportBundles,
         nullptr,
         0},
        {"conflicts",
         "List the sync conflicts waiting to be settled.",
         "",
         0,
         "A conflict is two different edits of one field made without either side seeing the other, or an\n"
         "edit made elsewhere to a record deleted here. Both values are kept until a person settles it.\n"
         "The values of a placement's address, carer or home name and provider stay hidden; --reveal N\n"
         "shows them for that one conflict and writes the reveal to the audit trail. Settling does not\n"
         "need them.",
         {vaultOption(),
          {"reveal", "N", "Show conflict N's confidential values (audited)."},
          passphraseFileOption()},
         runConflicts},
        {"settle",
         "Settle one conflict: keep the value shown, or take the other one.",
         "",
         0,
         "The decision is a new change that names both values, so every vault it reaches sees the conflict\n"
         "settled the same way. It is written to the audit trail.",
         {vaultOption(),
          {"conflict", "N", "The conflict's number (see 'conflicts')."},
          {"keep", "shown|other",
           "shown: the value the record shows now (or keep it deleted); other: the\n"
           "other value, which may be your own (or restore the record with that change).\n"
           "'theirs' is accepted as a synonym of 'other'."},
          passphraseFileOption()},
         runSettle},
        {"sync",
         "Folder sync: send to each contact's outbox folder, import from the inbox.",
         "",
         0,
         "Writes what each verified contact has not been sent yet into their own folder inside the outbox\n"
         "(a new file each time, written whole before it appears), then imports every .thrl file in the "
         "inbox\n"
         "that is addressed to this vault. Point a sync engine (Syncthing, a network drive) at the folders.\n"
         "Give --outbox/--inbox once to save them. The app also syncs on unlock: --no-sync-on-unlock turns\n"
         "that off and --sync-on-unlock back on; without either flag the setting is left as it is.",
         {vaultOption(),
          {"outbox", "DIR", "Save this as the outbox folder first."},
          {"inbox", "DIR", "Save this as the inbox folder first (it must exist)."},
          {"sync-on-unlock", "", "Save: sync whenever the app is unlocked (the default)."},
          {"no-sync-on-unlock", "", "Save: do not sync when the app is unlocked."},
          passphraseFileOption()},
         runSync},
        {"received",
         "List the files (handover summaries) received inside bundles, or save one.",
         "",
         0,
         "Files arrive inside bundles and are kept encrypted in the vault. --save N --out FILE writes one "
         "out\n"
         "(unencrypted: keep it somewhere safe). The options are checked before the passphrase is asked for.",
         {vaultOption(),
          {"save", "N", "The file's number (see the list)."},
          {"out", "FILE", "Where to write it (with --save)."},
          passphraseFileOption()},
         runReceived},
    };
    return table;
}

namespace {

void printOverview(std::FILE* out) {
    std::string text = "Usage: throughline-cli VERB --vault DIR [options]\n\n"
                       "Throughline keeps a young person's relationships in view across a relocation.\n"
                       "This is its command-line front end.\n\nVerbs:\n";
    for (const auto& c : commands()) {
        std::string left = "  " + std::string(c.name);
        left.resize(18, ' ');
        text += left + std::string(c.summary) + "\n";
    }
    text +=
        "\nRun 'throughline-cli VERB --help' for a verb's options.\n\n"
        "Passphrases come from --passphrase-file FILE (first line), else the environment variable\n"
        "THROUGHLINE_PASSPHRASE (for automation), else you are asked at the terminal (nothing is shown).\n\n"
        "Exit codes:\n"
        "  0  ok\n"
        "  1  another failure (for example, a vault already exists, or a file could not be written)\n"
        "  2  usage: unknown verb or option, or a missing value\n"
        "  3  wrong passphrase or recovery key\n"
        "  4  the vault is damaged or has been tampered with\n"
        "  5  the vault is already open in another Throughline window or process\n"
        "  6  the disk is full: nothing was written\n"
        "  7  invalid input: a record, value or records file failed its checks\n"
        "  8  not found: no vault in that folder, or no such file or record\n";
    std::fputs(text.c_str(), out);
}

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        printOverview(stderr);
        return ExitUsage;
    }
    const std::string verb = argv[1];
    if (verb == "--help" || verb == "-h" || verb == "help") {
        if (verb == "help" && argc > 2) {
            for (const auto& c : commands())
                if (c.name == argv[2]) {
                    std::fputs(commandHelp(c).c_str(), stdout);
                    return ExitOk;
                }
            usageError(nullptr, "Unknown verb '" + std::string(argv[2]) + "'.");
        }
        printOverview(stdout);
        return ExitOk;
    }
    if (verb == "--version") {
        std::printf("throughline-cli %s\n", THROUGHLINE_VERSION);
        return ExitOk;
    }
    const Command* command = nullptr;
    for (const auto& c : commands())
        if (c.name == verb) command = &c;
    if (!command) usageError(nullptr, "Unknown verb '" + verb + "'.");
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& a : rest) {
        if (a == "--") break;
        if (a == "--help" || a == "-h") {
            std::fputs(commandHelp(*command).c_str(), stdout);
            return ExitOk;
        }
    }
    Args args = parseArgs(*command, rest);
    return command->run(args);
}

} // namespace
} // namespace throughline::cli

int main(int argc, char** argv) {
    using namespace throughline;
    core::disableCoreDumps();
    core::ensureSodium();
    cli::installOutputFilter(); // nothing read from a vault or a file can steer the terminal
    try {
        int code = cli::dispatch(argc, argv);
        std::fflush(stdout);
        return code;
    } catch (const cli::CliExit& e) {
        std::fflush(stdout);
        if (!e.message.empty()) cli::printError(e.message);
        return e.code;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        cli::printError(std::string("unexpected error: ") + e.what());
        return cli::ExitOther;
    }
}
