#pragma once
// Create a vault: a passphrase typed twice with a strength hint, then the recovery key shown once, then how
// to start (an empty vault, a records file, or a colleague's contact card).
#include "app/secret_text.hpp"

#include <string>

namespace throughline::app {

struct CreateVaultState {
    enum class Step { Passphrase, RecoveryKey };
    Step step = Step::Passphrase;
    std::string ownerName;
    SecretText passphrase, confirm;
    std::string vaultPath;   // where the vault is made, as shown to the user (~ for the home folder)
    std::string recoveryKey; // shown exactly once, wiped when the user moves on
    bool stored = false;
    bool busy = false;
    std::string error;
    void wipe();
};

struct CreateVaultIntent {
    enum class Kind { None, Create, Finish, ImportRecords, ImportCard };
    Kind kind = Kind::None;
};

CreateVaultIntent drawCreateVault(CreateVaultState& state, std::size_t minPassphraseLength);

} // namespace throughline::app
