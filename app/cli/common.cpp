// Exit codes, error printing and vault opening shared by the commands.
#include "cli.hpp"

#include "throughline/secure_bytes.hpp"

#include <iostream>

namespace throughline::cli {

int exitCodeFor(core::ErrorCode code) {
    using core::ErrorCode;
    switch (code) {
    case ErrorCode::WrongPassphrase:
        return ExitWrongPassphrase;
    case ErrorCode::HeaderDamaged:
    case ErrorCode::DatabaseDamaged:
        return ExitDamaged;
    case ErrorCode::AlreadyOpen:
        return ExitAlreadyOpen;
    case ErrorCode::DiskFull:
        return ExitDiskFull;
    case ErrorCode::Invalid:
        return ExitInvalid;
    case ErrorCode::HeaderMissing:
    case ErrorCode::NotFound:
        return ExitNotFound;
    case ErrorCode::VaultExists:
    case ErrorCode::Io:
    case ErrorCode::Unsupported:
    case ErrorCode::Internal:
        return ExitOther;
    }
    return ExitOther;
}

void fail(const core::Error& error) {
    std::string msg = error.message;
    if (msg.empty()) msg = std::string("Failed (") + core::errorCodeName(error.code) + ").";
    throw CliExit{exitCodeFor(error.code), msg};
}

std::string countOf(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

void printError(std::string_view message) {
    std::cerr << "throughline-cli: " << message << "\n";
}
void printWarning(std::string_view message) {
    std::cerr << "throughline-cli: warning: " << message << "\n";
}

void requireVault(const std::string& dir) {
    if (!core::Vault::exists(dir))
        throw CliExit{ExitNotFound, "There is no vault in '" + dir +
                                        "'. Check the folder name, or create a vault there with: "
                                        "throughline-cli init --vault " +
                                        dir};
}

std::unique_ptr<core::Vault> openVault(const Args& args) {
    const std::string dir = args.vaultDir();
    requireVault(dir);
    std::string pass = unlockPassphrase(args);
    auto opened = core::Vault::open(dir, pass);
    core::wipeString(pass);
    if (!opened) fail(opened.error());
    auto vault = std::move(opened).value();
    if (vault->headerWasRepaired())
        printWarning("the vault's key file was damaged and has been restored from its backup copy. "
                     "Run 'throughline-cli verify' and keep a backup of the vault folder.");
    return vault;
}

void printRecoveryKey(const std::string& recoveryKey) {
    std::cout << "\nRECOVERY KEY (shown this once only):\n\n"
              << "    " << recoveryKey << "\n\n"
              << "Write it down or print it now, and keep it somewhere safe and away from this laptop\n"
                 "(for example, in a locked cabinet at the office). It is the only way back into the\n"
                 "vault if the passphrase is forgotten, and anyone who has it can open the vault.\n"
                 "Throughline cannot show it again.\n";
    std::cout.flush();
}

std::unique_ptr<core::Vault> createVault(const Args& args) {
    const std::string dir = args.vaultDir();
    if (core::Vault::exists(dir))
        throw CliExit{ExitOther, "A vault already exists in '" + dir + "'. Nothing was changed."};
    core::CreateOptions options;
    if (auto v = args.get("owner")) options.owner.name = *v;
    if (auto v = args.get("role")) options.owner.role = *v;
    if (auto v = args.get("organisation")) options.owner.organisation = *v;
    options.kdf = kdfFrom(args);
    std::string pass = newVaultPassphrase(args);
    auto created = core::Vault::create(dir, pass, options);
    core::wipeString(pass);
    if (!created) fail(created.error());
    auto& c = created.value();
    std::cout << "Created a new vault in '" << dir << "' for " << c.vault->owner().name << ".\n";
    printRecoveryKey(c.recoveryKey);
    core::wipeString(c.recoveryKey);
    return std::move(c.vault);
}

} // namespace throughline::cli
