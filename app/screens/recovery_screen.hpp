#pragma once
// Unlock with the recovery key, then a new passphrase must be set before anything else.
#include "app/secret_text.hpp"

#include <string>

namespace throughline::app {

struct RecoveryState {
    enum class Step { Key, NewPassphrase };
    Step step = Step::Key;
    SecretText recoveryKey, passphrase, confirm;
    std::string error;
    bool busy = false;
    void wipe();
};

struct RecoveryIntent {
    enum class Kind { None, Unlock, SetPassphrase, Cancel };
    Kind kind = Kind::None;
};

RecoveryIntent drawRecovery(RecoveryState& state, std::size_t minPassphraseLength);

} // namespace throughline::app
