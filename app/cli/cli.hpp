#pragma once
// Shared pieces of throughline-cli: the command table, argument parsing, exit codes, passphrases.
#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"
#include "throughline/vault/vault.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::cli {

/// Exit codes (documented in docs/cli.md and `throughline-cli --help`).
enum Exit : int {
    ExitOk = 0,
    ExitOther = 1,
    ExitUsage = 2,
    ExitWrongPassphrase = 3,
    ExitDamaged = 4,
    ExitAlreadyOpen = 5,
    ExitDiskFull = 6,
    ExitInvalid = 7,
    ExitNotFound = 8,
};

/// Thrown to stop a command with a message for stderr and an exit code; caught in main().
struct CliExit {
    int code;
    std::string message;
};

/// One option a command accepts.
struct OptionSpec {
    std::string_view name;      // without the leading "--"
    std::string_view valueName; // empty for a flag
    std::string_view help;
    bool hidden = false;     // advanced: accepted but left out of --help
    bool repeatable = false; // may be given more than once (see Args::all)
};

struct Args;

/// One verb.
struct Command {
    std::string_view name;
    std::string_view summary;     // one line for the overview
    std::string_view positional;  // e.g. "FILE.json", empty when none
    int positionalCount = 0;      // exactly this many
    std::string_view description; // paragraphs for `VERB --help`
    std::vector<OptionSpec> options;
    int (*run)(const Args&);
    std::string (*extraHelp)() = nullptr; // generated help text appended after the options
    int positionalMax =
        -1; // -1: exactly positionalCount; otherwise between positionalCount and this (0 = any)
};

/// Parsed arguments of one command.
struct Args {
    const Command* command = nullptr;
    std::map<std::string, std::string, std::less<>> values; // valued options
    std::vector<std::string> flags;
    std::vector<std::string> positional;

    bool has(std::string_view name) const;
    std::optional<std::string> get(std::string_view name) const;
    /// Every value of a repeatable option, in order.
    std::vector<std::string> all(std::string_view name) const;
    std::map<std::string, std::vector<std::string>, std::less<>> lists; // repeatable options
    /// The --vault folder (always required).
    std::string vaultDir() const;
};

/// The command table (main.cpp).
const std::vector<Command>& commands();

/// Parses argv after the verb; throws CliExit(ExitUsage) on unknown or malformed options.
Args parseArgs(const Command& command, const std::vector<std::string>& argv);
std::string usageLine(const Command& command);
std::string commandHelp(const Command& command);
/// Exit code for a usage problem with a hint; throws.
[[noreturn]] void usageError(const Command* command, const std::string& message);

/// Options every vault command shares.
OptionSpec vaultOption();
OptionSpec passphraseFileOption();
OptionSpec kdfOption();
/// Parses --kdf (moderate|interactive|test); defaults to moderate.
core::KdfParams kdfFrom(const Args& args);
/// The date given as --NAME (which must be present): YYYY-MM-DD and a real day, else a usage error.
core::Date dateOption(const Args& args, std::string_view name);
/// Parses an integer option within bounds; throws CliExit(ExitUsage) if malformed.
long long integerOption(const Args& args, std::string_view name, long long fallback, long long min,
                        long long max);

// --- Errors and exit codes
int exitCodeFor(core::ErrorCode code);
/// Throws CliExit with the error's message and its exit code.
/// An error's message with the CLI's way out, chosen by the error's typed reason (never by its text).
std::string errorText(core::ErrorReason reason, const std::string& subject, const std::string& message);
inline std::string errorText(const core::Error& error) {
    return errorText(error.reason, error.subject, error.message);
}
/// Stops the command with the error's text (errorText) and the exit code of its kind.
[[noreturn]] void fail(const core::Error& error);
/// "1 contact", "3 contacts".
std::string countOf(long long n, std::string_view one, std::string_view many);
/// Writes "throughline-cli: message" to stderr.
/// Text from a vault, a bundle or a card, made safe to print on one line: every control character (C0
/// including newline and tab, DEL, C1), bidirectional-override characters and invalid UTF-8 become visible
/// escapes such as \n, \u001b, \u202e or \xff (a byte that is not UTF-8), so that a stored value can
/// neither fake a line of output nor steer the terminal.
std::string printable(std::string_view text);
/// Filters everything written to stdout and stderr from here on: control characters other than newline and
/// tab are escaped as in printable(). A safety net under printable(), installed first thing in main().
void installOutputFilter();

void printError(std::string_view message);
void printWarning(std::string_view message);

// --- Passphrases (passphrase.cpp). Strings holding secrets are wiped by the caller with core::wipeString.
/// The passphrase to unlock: --passphrase-file, else $THROUGHLINE_PASSPHRASE, else a no-echo prompt.
std::string unlockPassphrase(const Args& args);
/// A passphrase for a new vault: same sources; asked twice at a terminal.
std::string newVaultPassphrase(const Args& args);
/// The new passphrase for passwd: --new-passphrase-file, else $THROUGHLINE_NEW_PASSPHRASE, else asked twice.
std::string replacementPassphrase(const Args& args);
/// First line of a small secret file (passphrase or recovery key).
std::string readSecretFile(const std::string& path, std::string_view what);

// --- Vaults
/// Throws CliExit(ExitNotFound) with advice when `dir` holds no vault.
void requireVault(const std::string& dir);
/// Unlocks the --vault with the user's passphrase; throws CliExit on failure.
std::unique_ptr<core::Vault> openVault(const Args& args);
/// Prints the recovery key block of a newly created vault.
void printRecoveryKey(const std::string& recoveryKey);
/// Creates the --vault with --owner/--role/--organisation and --kdf; prints the recovery key.
std::unique_ptr<core::Vault> createVault(const Args& args);

} // namespace throughline::cli
