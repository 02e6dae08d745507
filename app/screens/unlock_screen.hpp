#pragma once
// Unlock with the passphrase; a way to the recovery key; the demo passphrase in demo mode only.
#include "app/secret_text.hpp"

#include <string>

namespace throughline::app {

struct UnlockState {
    SecretText passphrase;
    std::string error;
    std::string notice; // e.g. "Locked after 5 minutes without use."
    bool busy = false;
    bool focusPending = true;
    void wipe();
};

struct UnlockView {
    bool demo = false;
    const char* demoPassphrase = "";
    bool draftWaiting = false;
};

struct UnlockIntent {
    enum class Kind { None, Unlock, UseRecoveryKey };
    Kind kind = Kind::None;
};

UnlockIntent drawUnlock(UnlockState& state, const UnlockView& view);

} // namespace throughline::app
