// Pieces every feature shares.
#include "app/features/feature.hpp"

namespace throughline::app {

std::string friendlyError(const core::Error& e) {
    switch (e.code) {
    case core::ErrorCode::WrongPassphrase:
        return "That passphrase did not open the vault. Check Caps Lock and try again.";
    case core::ErrorCode::AlreadyOpen:
        return "This vault is open in another Throughline window. Close it there first.";
    default:
        return e.message.empty() ? std::string("Something went wrong.") : e.message;
    }
}

} // namespace throughline::app
