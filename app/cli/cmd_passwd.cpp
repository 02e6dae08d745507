// passwd: change the passphrase (unlocking with the current one, or with the recovery key).
#include "cli.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <iostream>

namespace throughline::cli {

int runPasswd(const Args& args) {
    const std::string dir = args.vaultDir();
    requireVault(dir);
    if (args.has("recovery-key-file") && args.has("passphrase-file"))
        usageError(args.command, "Use either --recovery-key-file or --passphrase-file, not both.");
    std::unique_ptr<core::Vault> vault;
    if (auto keyFile = args.get("recovery-key-file")) {
        std::string key = readSecretFile(*keyFile, "recovery key");
        auto opened = core::Vault::openWithRecoveryKey(dir, key);
        core::wipeString(key);
        if (!opened) {
            if (opened.error().code == core::ErrorCode::WrongPassphrase)
                throw CliExit{ExitWrongPassphrase,
                              "That recovery key does not open this vault. Nothing was changed."};
            fail(opened.error());
        }
        vault = std::move(opened).value();
        std::cout << "Unlocked with the recovery key.\n";
    } else {
        vault = openVault(args);
    }
    std::optional<core::KdfParams> kdf;
    if (args.has("kdf")) kdf = kdfFrom(args);
    std::string fresh = replacementPassphrase(args);
    core::Status st = vault->changePassphrase(fresh, kdf);
    core::wipeString(fresh);
    if (!st) fail(st.error());
    vault->lock();
    std::cout << "The passphrase has been changed. Use the new one from now on.\n";
    return ExitOk;
}

} // namespace throughline::cli
