// Exit codes, error printing and vault opening shared by the commands.
#include "cli.hpp"

#include <cstdio>
#include <iostream>
#include <streambuf>

#include "throughline/base/secure_bytes.hpp"

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

std::string errorText(core::ErrorReason reason, const std::string& subject, const std::string& message) {
    using R = core::ErrorReason;
    switch (reason) {
    case R::UnknownSender:
        return message + " (Import a card with 'throughline-cli card import FILE --verified'.)";
    case R::UnverifiedSender:
        return message + " (After comparing: 'throughline-cli contacts verify --contact " +
               (subject.empty() ? std::string("NAME") : "'" + subject + "'") + "'.)";
    case R::ContactNotFound:
        return message + " (See your contacts with 'throughline-cli contacts'.)";
    case R::ContactAmbiguous:
        return message + " (See their fingerprints with 'throughline-cli contacts'.)";
    default:
        return message;
    }
}

void fail(const core::Error& error) {
    const std::string msg = error.message.empty()
                                ? std::string("Failed (") + core::errorCodeName(error.code) + ")."
                                : errorText(error);
    throw CliExit{exitCodeFor(error.code), msg};
}

std::string countOf(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

namespace {

// Length of a valid UTF-8 sequence at `s[i]` (0 if invalid).
std::size_t utf8Length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80                   ? 1
                    : (c >= 0xC2 && c <= 0xDF) ? 2
                    : (c >= 0xE0 && c <= 0xEF) ? 3
                    : (c >= 0xF0 && c <= 0xF4) ? 4
                                               : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    return n;
}

std::uint32_t codePoint(std::string_view s, std::size_t i, std::size_t n) {
    const auto b = [&](std::size_t k) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k]));
    };
    switch (n) {
    case 1:
        return b(0);
    case 2:
        return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
        return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
        return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

bool steersTerminal(std::uint32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

std::string escape(std::string_view text, bool keepLines) {
    std::string out;
    out.reserve(text.size());
    char buf[16];
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8Length(text, i);
        if (n == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
            out += buf;
            ++i;
            continue;
        }
        const std::uint32_t cp = codePoint(text, i, n);
        if (keepLines && (cp == '\n' || cp == '\t')) {
            out += static_cast<char>(cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (steersTerminal(cp)) {
            // \uXXXX: readable, and still valid inside a JSON string.
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            out += buf;
        } else {
            out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

// A stream buffer that escapes what it passes on; whole UTF-8 sequences are held until complete.
class EscapingBuf final : public std::streambuf {
  public:
    explicit EscapingBuf(std::streambuf* to) : m_to(to) {}

  protected:
    int overflow(int ch) override {
        if (ch == traits_type::eof()) return sync() == 0 ? 0 : traits_type::eof();
        m_pending += static_cast<char>(ch);
        const auto lead = static_cast<unsigned char>(m_pending[0]);
        const std::size_t want = lead < 0x80                      ? 1
                                 : (lead >= 0xC2 && lead <= 0xDF) ? 2
                                 : (lead >= 0xE0 && lead <= 0xEF) ? 3
                                 : (lead >= 0xF0 && lead <= 0xF4) ? 4
                                                                  : 1;
        const bool broken =
            m_pending.size() > 1 && (static_cast<unsigned char>(m_pending.back()) & 0xC0) != 0x80;
        if (m_pending.size() >= want || broken) flushPending();
        return ch;
    }
    int sync() override {
        flushPending();
        return m_to->pubsync();
    }

  private:
    void flushPending() {
        const std::string out = escape(m_pending, true);
        m_to->sputn(out.data(), static_cast<std::streamsize>(out.size()));
        m_pending.clear();
    }
    std::streambuf* m_to;
    std::string m_pending;
};

} // namespace

std::string printable(std::string_view text) {
    return escape(text, false);
}

void installOutputFilter() {
    static EscapingBuf out(std::cout.rdbuf()), err(std::cerr.rdbuf());
    std::cout.rdbuf(&out);
    std::cerr.rdbuf(&err);
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
