// Where passphrases come from: a file, the environment (automation), or a no-echo terminal prompt.
#include "cli.hpp"

#include "throughline/base/secret_file.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace throughline::cli {

namespace {

constexpr std::size_t maxSecretLength = core::kMaxSecretLength;

// The terminal state to put back if the user presses Ctrl-C at a prompt with echo off.
int g_ttyFd = -1;
struct termios g_savedTermios;
volatile sig_atomic_t g_echoOff = 0;

extern "C" void restoreTerminalAndExit(int sig) {
    if (g_echoOff && g_ttyFd >= 0) {
        tcsetattr(g_ttyFd, TCSAFLUSH, &g_savedTermios);
        const char nl = '\n';
        (void)!write(g_ttyFd, &nl, 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/// The controlling terminal, opened for a prompt; closed when done.
class Tty {
  public:
    Tty() { m_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC); }
    ~Tty() {
        if (m_fd >= 0) close(m_fd);
    }
    Tty(const Tty&) = delete;
    Tty& operator=(const Tty&) = delete;
    bool ok() const { return m_fd >= 0; }

    /// Shows `prompt` and reads one line without echo.
    std::string ask(const std::string& prompt) {
        writeAll(prompt);
        termios old{};
        bool haveTermios = tcgetattr(m_fd, &old) == 0;
        struct sigaction sa {
        }, oldInt{}, oldTerm{}, oldHup{};
        if (haveTermios) {
            g_ttyFd = m_fd;
            g_savedTermios = old;
            sa.sa_handler = restoreTerminalAndExit;
            sigemptyset(&sa.sa_mask);
            sigaction(SIGINT, &sa, &oldInt);
            sigaction(SIGTERM, &sa, &oldTerm);
            sigaction(SIGHUP, &sa, &oldHup);
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            quiet.c_lflag |= ICANON;
            g_echoOff = 1;
            tcsetattr(m_fd, TCSAFLUSH, &quiet);
        }
        std::string line;
        line.reserve(maxSecretLength + 1); // no reallocation: no stray copies of the secret
        bool tooLong = false;
        char c;
        for (;;) {
            ssize_t n = read(m_fd, &c, 1);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0 || c == '\n') break;
            if (line.size() < maxSecretLength)
                line.push_back(c);
            else
                tooLong = true;
        }
        if (haveTermios) {
            tcsetattr(m_fd, TCSAFLUSH, &old);
            g_echoOff = 0;
            sigaction(SIGINT, &oldInt, nullptr);
            sigaction(SIGTERM, &oldTerm, nullptr);
            sigaction(SIGHUP, &oldHup, nullptr);
        }
        writeAll("\n");
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (tooLong) {
            core::wipeString(line);
            throw CliExit{ExitInvalid, "That passphrase is too long (at most " +
                                           std::to_string(maxSecretLength) + " characters)."};
        }
        return line;
    }

    void say(const std::string& text) { writeAll(text); }

  private:
    void writeAll(const std::string& s) {
        std::size_t off = 0;
        while (off < s.size()) {
            ssize_t n = write(m_fd, s.data() + off, s.size() - off);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return;
            off += static_cast<std::size_t>(n);
        }
    }
    int m_fd = -1;
};

[[noreturn]] void noSource(const Args& args, std::string_view envName, std::string_view fileOption) {
    usageError(args.command, "No passphrase given and there is no terminal to ask on. Use --" +
                                 std::string(fileOption) + " FILE or set " + std::string(envName) + ".");
}

std::string fromEnv(const char* name) {
    const char* v = std::getenv(name);
    if (!v) return {};
    std::string s(v);
    if (s.size() > maxSecretLength)
        throw CliExit{ExitInvalid, std::string(name) + " is too long (at most " +
                                       std::to_string(maxSecretLength) + " characters)."};
    return s;
}

std::string askTwice(Tty& tty, const std::string& first, const std::string& again) {
    std::string a = tty.ask(first);
    std::string b = tty.ask(again);
    bool same = a == b;
    core::wipeString(b);
    if (!same) {
        core::wipeString(a);
        throw CliExit{ExitInvalid, "The two passphrases were different. Nothing was changed."};
    }
    return a;
}

/// Shared by the three entry points: file option, then environment, then terminal.
std::string obtain(const Args& args, std::string_view fileOption, const char* envName,
                   const std::string& prompt, bool twice) {
    if (auto file = args.get(fileOption)) return readSecretFile(*file, "passphrase");
    if (std::getenv(envName)) {
        std::string s = fromEnv(envName);
        if (s.empty()) throw CliExit{ExitInvalid, std::string(envName) + " is set but empty."};
        return s;
    }
    Tty tty;
    if (!tty.ok()) noSource(args, envName, fileOption);
    if (!twice) return tty.ask(prompt);
    return askTwice(tty, prompt, "Type it again to check: ");
}

} // namespace

std::string readSecretFile(const std::string& path, std::string_view what) {
    // One reader for the CLI and the app (core): first line, size cap, a warning for a readable file.
    auto r = core::readSecretFile(path, what);
    if (!r)
        throw CliExit{r.error().code == core::ErrorCode::NotFound ? ExitNotFound : ExitInvalid,
                      r.error().message};
    if (r->warning) printWarning(*r->warning);
    return std::move(r->text);
}

std::string unlockPassphrase(const Args& args) {
    return obtain(args, "passphrase-file", "THROUGHLINE_PASSPHRASE", "Passphrase for the vault: ", false);
}

std::string newVaultPassphrase(const Args& args) {
    return obtain(args, "passphrase-file", "THROUGHLINE_PASSPHRASE",
                  "Choose a passphrase for the new vault (at least " +
                      std::to_string(core::Vault::minPassphraseLength) + " characters): ",
                  true);
}

std::string replacementPassphrase(const Args& args) {
    return obtain(args, "new-passphrase-file", "THROUGHLINE_NEW_PASSPHRASE",
                  "New passphrase (at least " + std::to_string(core::Vault::minPassphraseLength) +
                      " characters): ",
                  true);
}

} // namespace throughline::cli
