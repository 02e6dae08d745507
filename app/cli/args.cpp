// Argument parsing: `--name VALUE`, `--name=VALUE`, flags, positionals, `--` ends options.
#include "cli.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace throughline::cli {

bool Args::has(std::string_view name) const {
    return values.find(name) != values.end() || std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<std::string> Args::get(std::string_view name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::all(std::string_view name) const {
    auto it = lists.find(name);
    return it == lists.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::vaultDir() const {
    auto v = get("vault");
    if (!v || v->empty())
        usageError(command, "--vault DIR is required: the folder that holds (or will hold) the vault.");
    return *v;
}

std::string usageLine(const Command& c) {
    std::string line = "throughline-cli " + std::string(c.name);
    for (const auto& o : c.options) {
        if (o.hidden) continue;
        bool required = o.name == "vault";
        std::string part = "--" + std::string(o.name);
        if (!o.valueName.empty()) part += " " + std::string(o.valueName);
        line += required ? " " + part : " [" + part + "]";
    }
    if (!c.positional.empty()) line += " " + std::string(c.positional);
    return line;
}

namespace {

/// Word-wraps `text` to `width` columns; lines after the first are indented by `indent`.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width) {
    std::string out, word;
    std::size_t col = indent;
    auto flush = [&] {
        if (word.empty()) return;
        if (col > indent && col + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            col = indent;
        } else if (col > indent) {
            out += ' ';
            ++col;
        }
        out += word;
        col += word.size();
        word.clear();
    };
    for (char ch : text) {
        if (ch == ' ')
            flush();
        else
            word += ch;
    }
    flush();
    return out;
}

} // namespace

std::string commandHelp(const Command& c) {
    std::ostringstream out;
    out << "Usage: " << usageLine(c) << "\n\n" << c.summary << "\n";
    if (!c.description.empty()) out << "\n" << c.description << "\n";
    out << "\nOptions:\n";
    for (const auto& o : c.options) {
        if (o.hidden) continue;
        std::string left = "  --" + std::string(o.name);
        if (!o.valueName.empty()) left += " " + std::string(o.valueName);
        if (left.size() < 30)
            left.resize(30, ' ');
        else
            left += "\n" + std::string(30, ' ');
        out << left << wrap(o.help, 30, 100) << "\n";
    }
    out << "  --help                      Show this help.\n";
    if (c.extraHelp) out << "\n" << c.extraHelp();
    out << "\nExit codes: 0 ok, 1 other failure, 2 usage, 3 wrong passphrase, 4 damaged or tampered vault,\n"
           "5 vault already open, 6 disk full, 7 invalid input, 8 not found.\n";
    return out.str();
}

void usageError(const Command* c, const std::string& message) {
    std::string msg = message;
    if (c) {
        msg += "\nUsage: " + usageLine(*c) + "\nTry 'throughline-cli " + std::string(c->name) + " --help'.";
    } else {
        msg += "\nTry 'throughline-cli --help'.";
    }
    throw CliExit{ExitUsage, msg};
}

Args parseArgs(const Command& c, const std::vector<std::string>& argv) {
    Args args;
    args.command = &c;
    auto find = [&](std::string_view name) -> const OptionSpec* {
        for (const auto& o : c.options)
            if (o.name == name) return &o;
        return nullptr;
    };
    bool optionsEnded = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (!optionsEnded && a == "--") {
            optionsEnded = true;
            continue;
        }
        if (!optionsEnded && a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2), value;
            bool inlineValue = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name.resize(eq);
                inlineValue = true;
            }
            const OptionSpec* spec = find(name);
            if (!spec) usageError(&c, "Unknown option '--" + name + "' for '" + std::string(c.name) + "'.");
            if (spec->valueName.empty()) {
                if (inlineValue) usageError(&c, "The option '--" + name + "' does not take a value.");
                if (std::find(args.flags.begin(), args.flags.end(), name) == args.flags.end())
                    args.flags.push_back(name);
                continue;
            }
            if (!inlineValue) {
                if (i + 1 >= argv.size())
                    usageError(&c, "The option '--" + name + "' needs a value (" +
                                       std::string(spec->valueName) + ").");
                value = argv[++i];
            }
            if (spec->repeatable) {
                args.lists[name].push_back(value);
                if (!args.values.count(name)) args.values.emplace(name, value);
                continue;
            }
            if (args.values.count(name))
                usageError(&c, "The option '--" + name + "' is given more than once.");
            args.values.emplace(name, value);
            continue;
        }
        if (!optionsEnded && a.size() > 1 && a[0] == '-')
            usageError(&c, "Unknown option '" + a + "' for '" + std::string(c.name) + "'.");
        args.positional.push_back(a);
    }
    const int given = static_cast<int>(args.positional.size());
    if (c.positionalMax >= 0) {
        if (given < c.positionalCount || (c.positionalMax > 0 && given > c.positionalMax))
            usageError(&c, "Expected " + std::string(c.positional) + ".");
    } else if (given != c.positionalCount) {
        if (c.positionalCount == 0) usageError(&c, "Unexpected argument '" + args.positional.front() + "'.");
        usageError(&c, "Expected " + std::string(c.positional) + ".");
    }
    return args;
}

OptionSpec vaultOption() {
    return {"vault", "DIR", "The vault folder."};
}
OptionSpec passphraseFileOption() {
    return {"passphrase-file", "FILE",
            "Read the passphrase from the first line of FILE (otherwise $THROUGHLINE_PASSPHRASE, "
            "otherwise you are asked)."};
}
OptionSpec kdfOption() {
    return {"kdf", "COST", "Key derivation cost: moderate (default), interactive, or test (tests only).",
            true};
}

core::Date dateOption(const Args& args, std::string_view name) {
    const auto text = *args.get(name);
    auto d = core::Date::parseIso(text);
    if (!d || !d->valid())
        usageError(args.command,
                   "--" + std::string(name) + " must be a date written YYYY-MM-DD, not '" + text + "'.");
    return *d;
}

core::KdfParams kdfFrom(const Args& args) {
    auto v = args.get("kdf");
    if (!v || *v == "moderate") return core::KdfParams::moderate();
    if (*v == "interactive") return core::KdfParams::interactive();
    if (*v == "test") return core::KdfParams::minimumForTests();
    usageError(args.command, "Unknown --kdf value '" + *v + "': use moderate, interactive or test.");
}

long long integerOption(const Args& args, std::string_view name, long long fallback, long long min,
                        long long max) {
    auto v = args.get(name);
    if (!v) return fallback;
    long long n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || ptr != v->data() + v->size() || v->empty())
        usageError(args.command, "--" + std::string(name) + " must be a whole number, not '" + *v + "'.");
    if (n < min || n > max)
        usageError(args.command, "--" + std::string(name) + " must be between " + std::to_string(min) +
                                     " and " + std::to_string(max) + ".");
    return n;
}

} // namespace throughline::cli
