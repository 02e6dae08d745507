// Sync follow-up verbs: conflicts and settle, folder sync, and files received inside bundles.
#include "cli.hpp"

#include "throughline/sync/exchange.hpp"
#include "throughline/base/time.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <optional>
#include <set>

namespace throughline::cli {

namespace sync = core::sync;
namespace contacts = core::contacts;

namespace {

std::string when(std::uint64_t hlc) {
    return core::isoInstant(static_cast<std::int64_t>(hlc >> 16));
}

std::string shown(const std::string& value) {
    if (value.empty()) return "(empty)";
    const std::string v = printable(value);
    return v.size() > 200 ? v.substr(0, 197) + "..." : v;
}

std::int64_t numberFrom(const Args& args, const char* option) {
    auto text = args.get(option);
    if (!text) usageError(args.command, std::string("--") + option + " is required.");
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n <= 0)
        usageError(args.command, std::string("--") + option + " takes a number (see the list).");
    return n;
}

// A conflict on the hidden field "_deleted" (a delete racing a restore) holds "1" / "0".
std::string sideValue(const core::Change& side) {
    if (side.field == "_deleted") {
        if (side.value == "1") return "deleted";
        if (side.value == "0") return "restored";
    }
    return shown(side.value);
}

constexpr const char* kHidden = "(hidden: confidential)";

std::string yours(const core::Vault& vault, const core::Change& side) {
    return side.device == vault.deviceId() ? " (yours)" : "";
}

} // namespace

int runConflicts(const Args& args) {
    // Options first: a mistake is reported before the passphrase is asked for.
    std::optional<std::int64_t> revealId;
    if (args.get("reveal")) revealId = numberFrom(args, "reveal");
    auto vault = openVault(args);
    auto list = sync::openConflicts(*vault);
    if (!list) fail(list.error());
    if (revealId) {
        // Only the one conflict asked for, and only once the reveal is in the audit trail.
        auto it = std::find_if(list->begin(), list->end(),
                               [&](const sync::Conflict& c) { return c.id == *revealId; });
        if (it == list->end())
            throw CliExit{ExitNotFound, "There is no open conflict #" + std::to_string(*revealId) +
                                            " (see 'throughline-cli conflicts')."};
        if (it->valuesHidden) {
            auto shownConflict =
                sync::revealConflict(*vault, *revealId, "Conflict values shown by throughline-cli conflicts");
            if (!shownConflict) fail(shownConflict.error());
            *it = std::move(*shownConflict);
        }
    }
    if (list->empty()) {
        std::cout << "No conflicts to settle.\n";
        return ExitOk;
    }
    std::cout << countOf(static_cast<long long>(list->size()), "conflict", "conflicts")
              << " to settle (settle one with 'throughline-cli settle --conflict N --keep shown|other'):\n";
    for (auto c : *list) {
        for (auto* text : {&c.youngPersonName, &c.recordLabel, &c.fieldLabel, &c.keptFrom, &c.otherFrom,
                           &c.kept.author, &c.other.author})
            *text = printable(*text);
        std::cout << "\n#" << c.id << "  " << c.youngPersonName << " - " << c.recordLabel << "\n";
        const bool deleteOrRestore = c.kept.field == "_deleted" && c.other.field == "_deleted";
        if (c.againstDelete() && !deleteOrRestore) {
            std::cout << "  Deleted by " << c.keptFrom << " (" << c.kept.author << ")"
                      << yours(*vault, c.kept) << " at " << when(c.kept.hlc) << ",\n  but " << c.otherFrom
                      << " (" << c.other.author << ")" << yours(*vault, c.other) << " changed "
                      << c.fieldLabel << " at " << when(c.other.hlc)
                      << " to: " << (c.valuesHidden ? kHidden : shown(c.other.value))
                      << "\n  --keep shown: keep it deleted; --keep other: restore it with that change.\n";
        } else {
            std::cout << "  " << (deleteOrRestore ? std::string("Deleted or restored") : c.fieldLabel)
                      << "\n    shown" << yours(*vault, c.kept) << ": "
                      << (c.valuesHidden ? kHidden : sideValue(c.kept)) << "\n      by " << c.keptFrom << " ("
                      << c.kept.author << ") at " << when(c.kept.hlc) << "\n    other"
                      << yours(*vault, c.other) << ": " << (c.valuesHidden ? kHidden : sideValue(c.other))
                      << "\n      by " << c.otherFrom << " (" << c.other.author << ") at "
                      << when(c.other.hlc) << "\n";
        }
        if (c.valuesHidden)
            std::cout << "  The values are confidential. See them with --reveal " << c.id
                      << " (audited), or settle without seeing them: --keep shown keeps what the record has "
                         "now.\n";
    }
    return ExitOk;
}

int runSettle(const Args& args) {
    const std::int64_t id = numberFrom(args, "conflict");
    auto keep = args.get("keep");
    if (!keep || (*keep != "shown" && *keep != "other" && *keep != "theirs"))
        usageError(args.command, "--keep shown|other is required ('theirs' means the same as 'other').");
    auto vault = openVault(args);
    auto open = sync::openConflicts(*vault);
    if (!open) fail(open.error());
    if (std::none_of(open->begin(), open->end(), [&](const sync::Conflict& c) { return c.id == id; }))
        throw CliExit{ExitNotFound, "There is no open conflict #" + std::to_string(id) +
                                        " (see 'throughline-cli conflicts')."};
    if (auto s = sync::settleConflict(*vault, id,
                                      *keep == "shown" ? sync::Settle::KeepShown : sync::Settle::TakeOther);
        !s)
        fail(s.error());
    std::cout << "Settled conflict #" << id
              << ". The decision travels with your next export, so your contacts see it settled too.\n";
    return ExitOk;
}

namespace {} // namespace

int runSync(const Args& args) {
    if (args.has("sync-on-unlock") && args.has("no-sync-on-unlock"))
        usageError(args.command, "Give --sync-on-unlock or --no-sync-on-unlock, not both.");
    auto vault = openVault(args);
    if (args.get("outbox") || args.get("inbox") || args.has("sync-on-unlock") ||
        args.has("no-sync-on-unlock")) {
        auto current = sync::folderSettings(*vault);
        if (!current) fail(current.error());
        sync::FolderSettings f = *current;
        if (auto o = args.get("outbox")) f.outbox = std::filesystem::absolute(*o);
        if (auto i = args.get("inbox")) f.inbox = std::filesystem::absolute(*i);
        // Only an explicit flag changes the setting; giving the folders again leaves it as it was.
        if (args.has("sync-on-unlock")) f.syncOnUnlock = true;
        if (args.has("no-sync-on-unlock")) f.syncOnUnlock = false;
        if (auto s = sync::setFolderSettings(*vault, f); !s) fail(s.error());
        std::cout << "Folders saved: outbox '" << f.outbox.string() << "', inbox '" << f.inbox.string()
                  << "'; sync on unlock " << (f.syncOnUnlock ? "on" : "off") << ".\n";
    }
    auto report = sync::syncFolders(*vault);
    if (!report) fail(report.error());
    int code = ExitOk;
    for (const auto& s : report->sent)
        std::cout << "Sent to " << printable(s.contactName) << ": "
                  << countOf(static_cast<long long>(s.summary.changes), "change", "changes") << " in '"
                  << printable(s.file.string()) << "'.\n";
    std::size_t skipped = 0, replays = 0;
    for (const auto& r : report->received) {
        if (r.ok) {
            std::cout << "Imported '" << printable(r.file.filename().string()) << "' from "
                      << printable(r.summary.senderName) << ": "
                      << countOf(static_cast<long long>(r.summary.applied), "new change", "new changes");
            if (r.summary.conflicts)
                std::cout << ", "
                          << countOf(static_cast<long long>(r.summary.conflicts), "conflict", "conflicts")
                          << " to settle";
            if (r.summary.outOfOrder) std::cout << " (it arrived after a later bundle from them)";
            std::cout << ".\n";
            for (const auto& w : r.summary.auditWarnings)
                printWarning(w);
        } else if (r.alreadyImported) {
            ++replays;
        } else if (r.notForThisVault) {
            ++skipped;
        } else {
            printError(printable(r.file.string()) + ": " + errorText(r.reason, r.subject, r.message) +
                       (r.rememberedRefusal
                            ? " (refused at an earlier sync and unchanged since: not read again)"
                            : ""));
            if (code == ExitOk) code = exitCodeFor(r.errorCode);
        }
    }
    for (const auto& p : report->problems) {
        printError(p);
        if (code == ExitOk) code = ExitOther;
    }
    if (report->sent.empty() && report->received.size() == replays + skipped && report->problems.empty())
        std::cout << "Nothing new to send or to import.\n";
    if (replays)
        std::cout << countOf(static_cast<long long>(replays), "bundle", "bundles") << " already imported.\n";
    if (skipped)
        std::cout << countOf(static_cast<long long>(skipped), "bundle", "bundles")
                  << " in the inbox addressed to someone else, left alone.\n";
    return code;
}

int runReceived(const Args& args) {
    // Options first: a mistake is reported before the passphrase is asked for.
    std::optional<std::int64_t> saveId;
    if (args.get("save")) {
        saveId = numberFrom(args, "save");
        if (!args.get("out")) usageError(args.command, "--out FILE is required with --save.");
    } else if (args.get("out")) {
        usageError(args.command, "--out goes with --save N (see the list).");
    }
    auto vault = openVault(args);
    if (saveId) {
        const auto out = *args.get("out");
        if (auto s = sync::saveAttachment(*vault, *saveId, out); !s) fail(s.error());
        std::cout << "Wrote '" << out << "'. It is no longer encrypted: keep it somewhere safe.\n";
        return ExitOk;
    }
    auto list = sync::receivedAttachments(*vault);
    if (!list) fail(list.error());
    if (list->empty()) {
        std::cout << "No files received yet.\n";
        return ExitOk;
    }
    for (const auto& a : *list)
        std::cout << "#" << a.id << "  " << printable(a.name) << "  (" << a.size << " bytes) from "
                  << printable(a.senderName) << ", received " << core::isoInstant(a.receivedAt) << "\n";
    return ExitOk;
}

} // namespace throughline::cli
