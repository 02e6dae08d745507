// Sync verbs: card export/import, contacts, share/unshare, export, import (docs/bundle-format.md).
#include "cli.hpp"

#include "throughline/base/files.hpp"
#include "throughline/contacts/qr.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/contacts/contacts.hpp"

#include <filesystem>
#include <iostream>

namespace throughline::cli {

namespace sync = core::sync;
namespace contacts = core::contacts;

namespace {

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

contacts::Contact contactFrom(core::Vault& vault, const Args& args) {
    auto name = args.get("contact");
    if (!name) usageError(args.command, "--contact NAME_OR_FINGERPRINT is required.");
    auto c = contacts::findContact(vault, *name);
    if (!c) fail(c.error());
    return c.value();
}

} // namespace

int runCard(const Args& args) {
    const std::string& action = args.positional.at(0);
    if (action == "export") {
        if (args.positional.size() != 1)
            usageError(args.command, "'card export' takes no file: use --out FILE.");
        auto out = args.get("out");
        if (!out) usageError(args.command, "--out FILE is required for 'card export'.");
        auto vault = openVault(args);
        auto card = contacts::makeCard(*vault);
        if (!card) fail(card.error());
        if (auto s = core::atomicWriteFile(*out, std::vector<std::uint8_t>(card->begin(), card->end())); !s)
            fail(s.error());
        auto id = core::ownIdentity(*vault);
        std::cout << "Wrote your contact card to '" << *out << "'.\nFingerprint: " << id->fingerprintWords()
                  << "\nGive the card to colleagues; read them the fingerprint so they can check it.\n";
        return ExitOk;
    }
    if (action == "import") {
        if (args.positional.size() != 2) usageError(args.command, "'card import' needs the card file.");
        const std::string file = args.positional[1];
        auto bytes = core::readSmallFile(file, 4096);
        if (!bytes) {
            if (bytes.error().code == core::ErrorCode::NotFound)
                throw CliExit{ExitNotFound, "There is no file '" + file + "'. Nothing was imported."};
            throw CliExit{ExitInvalid,
                          "'" + file + "' is too big to be a contact card. Nothing was imported."};
        }
        auto vault = openVault(args);
        auto c =
            contacts::importCard(*vault, std::string(bytes->begin(), bytes->end()), args.has("verified"));
        if (!c) fail(c.error());
        std::cout << "Added " << c->identity.name;
        if (!c->identity.organisation.empty()) std::cout << " (" << c->identity.organisation << ")";
        std::cout << ".\nFingerprint: " << c->identity.fingerprintWords() << "\n"
                  << (c->verified
                          ? "Marked as verified.\n"
                          : "Not verified yet: compare the fingerprint with them (on a call or side by "
                            "side), then run this again with --verified.\n");
        return ExitOk;
    }
    if (action == "show") {
        if (args.positional.size() != 1) usageError(args.command, "'card show' takes no file.");
        auto vault = openVault(args);
        auto id = core::ownIdentity(*vault);
        if (!id) fail(id.error());
        std::cout << id->name;
        if (!id->role.empty()) std::cout << ", " << id->role;
        if (!id->organisation.empty()) std::cout << ", " << id->organisation;
        std::cout << "\nFingerprint: " << id->fingerprintWords() << "\n\n";
        // The same QR code as the app's, in half-height blocks (two rows of modules per line), with a
        // quiet zone, dark modules as spaces on a light frame so that it scans on a dark terminal too.
        auto qr = core::makeQr(id->fingerprintWords());
        if (!qr) fail(qr.error());
        const int quiet = 2, n = qr->size;
        for (int y = -quiet; y < n + quiet; y += 2) {
            std::string line;
            for (int x = -quiet; x < n + quiet; ++x) {
                const bool top = qr->at(x, y), bottom = qr->at(x, y + 1);
                line += top ? (bottom ? " " : "\u2584") : (bottom ? "\u2580" : "\u2588");
            }
            std::cout << line << "\n";
        }
        std::cout << "\nCompare the fingerprint with your colleague on a call, or let them scan this code.\n";
        return ExitOk;
    }
    usageError(args.command, "Use 'card export --out FILE', 'card import FILE' or 'card show'.");
}

int runContacts(const Args& args) {
    if (!args.positional.empty()) {
        const std::string& action = args.positional.front();
        if (action != "verify" && action != "remove")
            usageError(args.command, "Use 'contacts', 'contacts verify --contact NAME' or 'contacts remove "
                                     "--contact NAME'.");
        auto vault = openVault(args);
        const auto contact = contactFrom(*vault, args);
        const std::string fp = contact.identity.fingerprintHex();
        if (action == "verify") {
            if (auto s = contacts::markVerified(*vault, fp); !s) fail(s.error());
            std::cout << "Marked " << contact.identity.name << " as verified (fingerprint "
                      << contact.identity.fingerprintWords() << ").\n";
        } else {
            if (auto s = contacts::removeContact(*vault, fp); !s) fail(s.error());
            std::cout << "Removed " << contact.identity.name
                      << ". Records already received from them stay; bundles from them are refused from now "
                         "on.\n";
        }
        return ExitOk;
    }
    auto vault = openVault(args);
    auto list = contacts::listContacts(*vault);
    if (!list) fail(list.error());
    if (args.has("json")) {
        std::cout << "[";
        bool first = true;
        for (const auto& c : *list) {
            std::cout << (first ? "\n" : ",\n") << "  {\"name\": " << jsonString(c.identity.name)
                      << ", \"role\": " << jsonString(c.identity.role)
                      << ", \"organisation\": " << jsonString(c.identity.organisation)
                      << ", \"fingerprint\": " << jsonString(c.identity.fingerprintWords())
                      << ", \"verified\": " << (c.verified ? "true" : "false") << ", \"scope\": [";
            for (std::size_t i = 0; i < c.scope.size(); ++i)
                std::cout << (i ? ", " : "") << jsonString(c.scope[i]);
            std::cout << "]}";
            first = false;
        }
        std::cout << (list->empty() ? "]\n" : "\n]\n");
        return ExitOk;
    }
    if (list->empty()) {
        std::cout << "No contacts yet. Import a colleague's card with 'throughline-cli card import FILE'.\n";
        return ExitOk;
    }
    for (const auto& c : *list) {
        std::cout << printable(c.identity.name);
        if (!c.identity.role.empty()) std::cout << ", " << printable(c.identity.role);
        if (!c.identity.organisation.empty()) std::cout << ", " << printable(c.identity.organisation);
        std::cout << "\n  fingerprint " << c.identity.fingerprintWords() << "  "
                  << (c.verified ? "verified" : "NOT VERIFIED") << "\n  shares "
                  << countOf(static_cast<long long>(c.scope.size()), "young person", "young people");
        for (const auto& yp : c.scope)
            std::cout << "\n    " << yp;
        std::cout << "\n";
    }
    return ExitOk;
}

int runShare(const Args& args) {
    const bool sharing = args.command->name == "share";
    auto vault = openVault(args);
    const auto contact = contactFrom(*vault, args);
    const auto people = args.all("young-person");
    if (people.empty()) usageError(args.command, "--young-person ID is required.");
    for (const auto& yp : people) {
        auto s = sharing ? contacts::share(*vault, contact.identity.fingerprintHex(), yp)
                         : contacts::unshare(*vault, contact.identity.fingerprintHex(), yp);
        if (!s) fail(s.error());
    }
    std::cout << (sharing ? "Now sharing " : "No longer sharing ")
              << countOf(static_cast<long long>(people.size()), "young person", "young people")
              << (sharing ? " with " : " with ") << contact.identity.name << ".\n";
    return ExitOk;
}

int runExport(const Args& args) {
    auto out = args.get("out");
    if (!out) usageError(args.command, "--out FILE is required.");
    auto vault = openVault(args);
    auto to = args.get("to");
    if (!to) usageError(args.command, "--to CONTACT is required.");
    auto contact = contacts::findContact(*vault, *to);
    if (!contact) fail(contact.error());
    sync::ExportOptions options;
    options.youngPeople = args.all("young-person");
    options.full = args.has("full");
    options.includeLocation = args.has("include-location");
    options.attachSummary = args.has("attach-summary");
    auto r = sync::exportTo(*vault, contact->identity.fingerprintHex(), options, *out);
    if (!r) fail(r.error());
    if (r->nothingToSend) {
        std::cout << "Nothing new to send to " << contact->identity.name << "; no file was written.\n";
        return ExitOk;
    }
    std::cout << "Wrote '" << *out << "' for " << contact->identity.name << ": "
              << countOf(static_cast<long long>(r->changes), "change", "changes") << " to "
              << countOf(static_cast<long long>(r->records), "record", "records") << ", " << r->bytes
              << " bytes, encrypted to their key and signed by you.\n";
    if (options.attachSummary)
        std::cout << "It carries the handover summary (PDF) of each young person in it.\n";
    if (options.includeLocation)
        std::cout << "It includes the confidential placement location; this has been written to the audit "
                     "trail.\n";
    return ExitOk;
}

int runImportBundles(const Args& args) {
    auto vault = openVault(args);
    int code = ExitOk;
    for (const auto& file : args.positional) {
        auto r = sync::importFile(*vault, file);
        if (!r) {
            if (r.error().reason == core::ErrorReason::BundleReplay ||
                r.error().reason == core::ErrorReason::BundleNothingNew) {
                std::cout << printable(file) << ": " << r.error().message << "\n";
                continue;
            }
            printError(printable(file) + ": " + errorText(r.error()));
            if (code == ExitOk) code = exitCodeFor(r.error().code);
            continue;
        }
        std::cout << printable(file) << ": imported from " << printable(r->senderName) << " ("
                  << r->senderFingerprintWords
                  << "): " << countOf(static_cast<long long>(r->applied), "new change", "new changes")
                  << " to " << countOf(static_cast<long long>(r->records), "record", "records");
        if (r->alreadyHad) std::cout << ", " << r->alreadyHad << " already here";
        if (r->outOfOrder) std::cout << " (it arrived after a later bundle from them)";
        std::cout << ".\n";
        if (r->attachments)
            std::cout << "  " << countOf(static_cast<long long>(r->attachments), "file", "files")
                      << " (handover summaries) kept in the vault: see 'throughline-cli received'.\n";
        if (r->conflicts)
            std::cout << "  " << countOf(static_cast<long long>(r->conflicts), "conflict", "conflicts")
                      << " kept for you to settle: both values are in the vault. See 'throughline-cli "
                         "conflicts'.\n";
        if (r->waiting)
            std::cout << "  " << countOf(static_cast<long long>(r->waiting), "record", "records")
                      << " they edited will appear once their creator's own bundle arrives.\n";
        for (const auto& w : r->auditWarnings)
            printWarning(w);
    }
    return code;
}

} // namespace throughline::cli
