#include "rob_util.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <sstream>

#include "throughline/records/records.hpp"

namespace rob {

using namespace throughline::core;

std::string helperPath() {
    return ROBUSTNESS_HELPER;
}

std::string dumpDatabase(Database& db, std::int64_t auditUpTo) {
    std::ostringstream out;
    std::vector<std::string> tables;
    {
        auto s =
            db.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY type, name");
        while (s.step()) {
            out << s.text(0) << '|' << s.text(1) << '|' << s.text(2) << '|' << s.integer(3) << '|'
                << s.text(4) << '\n';
            if (s.text(0) == "table") tables.push_back(s.text(1));
        }
    }
    for (const auto& t : tables) {
        std::string expr;
        {
            auto s = db.prepare("PRAGMA table_info(" + t + ")");
            while (s.step())
                expr += (expr.empty() ? "quote(" : " || ',' || quote(") + s.text(1) + ")";
        }
        std::string sql = "SELECT " + expr + " FROM " + t;
        if (t == "audit") sql += " WHERE seq <= " + std::to_string(auditUpTo);
        sql += " ORDER BY 1";
        auto s = db.prepare(sql);
        out << "## " << t << '\n';
        while (s.step())
            out << s.text(0) << '\n';
    }
    return out.str();
}

namespace {

std::string optDate(const std::optional<Date>& d) {
    return d ? d->iso() : "-";
}

} // namespace

Result<std::string> readEverything(Store& store) {
    std::ostringstream out;
    auto list = store.listYoungPeople();
    if (!list) return list.error();
    for (const auto& item : *list) {
        out << "YP " << item.id << '|' << item.name << '|' << item.preferredName << '|' << item.caseReference
            << '|' << item.placementArea << '|' << optDate(item.lastContact) << '|' << item.openActions
            << '\n';
        auto yp = store.youngPerson(item.id);
        if (!yp) return yp.error();
        out << yp->name << '|' << optDate(yp->dateOfBirth) << '|' << yp->homeAuthority << '|' << yp->notes
            << '|' << yp->meta.createdAt << '|' << yp->meta.updatedAt << '|' << yp->meta.author << '\n';
        auto home = store.loadHome(item.id, 100000);
        if (!home) return home.error();
        out << "current " << (home->currentPlacement ? home->currentPlacement->meta.id : "-") << '\n';
        for (const auto& m : home->network)
            out << "N " << m.member.meta.id << '|' << m.member.name << '|' << optDate(m.lastContact) << '|'
                << m.contactCount << '|' << m.member.arrangementReason << '\n';
        for (const auto& c : home->recentContacts) {
            out << "C " << c.meta.id << '|' << c.date.iso() << '|' << c.observations << '|'
                << c.youngPersonWords << '|' << c.durationMinutes << '|' << c.meta.updatedAt;
            for (const auto& p : c.participantIds)
                out << '|' << p;
            out << '\n';
        }
        for (const auto& e : home->missingEpisodes)
            out << "M " << e.meta.id << '|' << e.notes << '\n';
        for (const auto& a : home->openActions)
            out << "A " << a.meta.id << '|' << a.description << '\n';
        auto placements = store.placements(item.id);
        if (!placements) return placements.error();
        for (const auto& p : *placements)
            out << "P " << p.meta.id << '|' << p.locationAddress << '|' << p.locationName << '|'
                << p.start.iso() << '\n';
        auto actions = store.actions(item.id, false);
        if (!actions) return actions.error();
        for (const auto& a : *actions)
            out << "AA " << a.meta.id << '|' << a.done << '|' << optDate(a.due) << '\n';
        auto contacts = store.contacts(item.id);
        if (!contacts) return contacts.error();
        for (const auto& c : *contacts) {
            auto one = store.contact(c.meta.id);
            if (!one) return one.error();
            out << "CC " << one->meta.id << '|' << one->observations.size() << '\n';
            auto changes = store.changesFor(c.meta.id);
            if (!changes) return changes.error();
            for (const auto& ch : *changes)
                out << "  " << ch.field << '=' << ch.value << '@' << ch.hlc << '\n';
        }
    }
    auto counts = store.counts();
    if (!counts) return counts.error();
    out << "counts " << counts->youngPeople << ' ' << counts->placements << ' ' << counts->networkMembers
        << ' ' << counts->contacts << ' ' << counts->actions << ' ' << counts->missingEpisodes << ' '
        << counts->changes << ' ' << counts->deleted << '\n';
    auto setting = store.setting("home.recent_limit", "?");
    if (!setting) return setting.error();
    out << "setting " << *setting << '\n';
    return out.str();
}

std::string outcomeName(Outcome o) {
    switch (o) {
    case Outcome::OpenRefused:
        return "refused at open";
    case Outcome::VerifyFailed:
        return "caught by verify";
    case Outcome::ReadFailed:
        return "caught by a read";
    case Outcome::Harmless:
        return "harmless";
    case Outcome::Bad:
        return "BAD";
    }
    return "?";
}

Expected captureExpected(const fs::path& dir, const std::string& pass) {
    auto v = Vault::open(dir, pass);
    REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
    Expected e;
    e.auditEntries = v.value()->database().scalar("SELECT max(seq) FROM audit");
    e.dump = dumpDatabase(v.value()->database(), e.auditEntries);
    auto read = readEverything(v.value()->store());
    REQUIRE(read.ok());
    e.read = *read;
    auto report = v.value()->verify();
    REQUIRE(report.ok());
    REQUIRE(report->ok);
    v.value()->lock();
    return e;
}

Probe probeDamaged(const fs::path& dir, const std::string& pass, const Expected& expected) {
    Probe p;
    auto opened = Vault::open(dir, pass);
    if (!opened) {
        p.detail = std::string(codeName(opened.error().code)) + ": " + opened.error().message;
        p.outcome = opened.error().code == ErrorCode::DatabaseDamaged ? Outcome::OpenRefused : Outcome::Bad;
        if (p.outcome == Outcome::Bad) p.detail = "open gave " + p.detail;
        return p;
    }
    Vault& v = *opened.value();
    std::optional<Outcome> caught;
    std::string bad;
    const auto addBad = [&bad](const std::string& what) { bad += (bad.empty() ? "" : "; ") + what; };
    auto report = v.verify();
    if (!report)
        p.verify = "error " + codeName(report.error().code);
    else
        p.verify = report->ok ? "ok" : "problems: " + report->problems.front();
    if (!report) {
        if (report.error().code != ErrorCode::DatabaseDamaged)
            addBad(std::string("verify gave ") + codeName(report.error().code) + ": " +
                   report.error().message);
        caught = Outcome::VerifyFailed;
        p.detail = report.error().message;
    } else if (!report->ok) {
        caught = Outcome::VerifyFailed;
        p.detail = report->problems.front();
    }
    auto read = readEverything(v.store());
    if (!read) {
        if (read.error().code != ErrorCode::DatabaseDamaged)
            addBad(std::string("a read gave ") + codeName(read.error().code) + ": " + read.error().message);
        if (!caught) {
            caught = Outcome::ReadFailed;
            p.detail = read.error().message;
        }
    } else if (*read != expected.read) {
        addBad("the store read back DIFFERENT data without an error");
    }
    try {
        const std::string dump = dumpDatabase(v.database(), expected.auditEntries);
        if (dump != expected.dump) addBad("the raw tables hold DIFFERENT data without an error");
    } catch (const DbError& e) {
        const Error err = e.toError();
        if (err.code != ErrorCode::DatabaseDamaged)
            addBad(std::string("a raw query gave ") + codeName(err.code) + ": " + e.what());
        if (!caught) {
            caught = Outcome::ReadFailed;
            p.detail = e.what();
        }
    }
    v.lock();
    if (!bad.empty()) {
        p.outcome = Outcome::Bad;
        p.detail = bad + " [verify: " + p.verify + "]";
    } else {
        p.outcome = caught.value_or(Outcome::Harmless);
    }
    return p;
}

// ---------------------------------------------------------------------------------------------
// Child processes

Child Child::spawn(const std::vector<std::string>& args) {
    int in[2], out[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        std::vector<char*> argv;
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    Child c;
    c.m_pid = pid;
    c.m_in = in[1];
    c.m_out = out[0];
    return c;
}

Child::Child(Child&& o) noexcept
    : m_pid(o.m_pid), m_in(o.m_in), m_out(o.m_out), m_buffer(std::move(o.m_buffer)), m_eof(o.m_eof),
      m_waited(o.m_waited) {
    o.m_pid = -1;
    o.m_in = o.m_out = -1;
}

Child::~Child() {
    if (m_pid > 0 && !m_waited) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
    closeStdin();
    if (m_out >= 0) ::close(m_out);
}

std::optional<std::string> Child::readLine(int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        if (const auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        if (m_eof) return std::nullopt;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        if (left <= 0) return std::nullopt;
        pollfd pfd{m_out, POLLIN, 0};
        const int r = ::poll(&pfd, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return std::nullopt;
        char buf[4096];
        const ssize_t n = ::read(m_out, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            m_eof = true; // a partial last line (no newline) was never a complete report: drop it
            continue;
        }
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
}

std::vector<std::string> Child::drainLines(int timeoutMs) {
    std::vector<std::string> lines;
    while (auto l = readLine(timeoutMs))
        lines.push_back(std::move(*l));
    return lines;
}

void Child::closeStdin() {
    if (m_in >= 0) {
        ::close(m_in);
        m_in = -1;
    }
}

void Child::kill(int sig) {
    if (m_pid > 0 && !m_waited) ::kill(m_pid, sig);
}

int Child::wait() {
    if (m_pid <= 0 || m_waited) return -1;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_waited = true;
    return status;
}

// ---------------------------------------------------------------------------------------------
// tmpfs

namespace {
bool g_skipped = false;
}

void skip(const std::string& why) {
    std::fprintf(stderr, "SKIPPED: %s\n", why.c_str());
    g_skipped = true;
}

bool skipped() {
    return g_skipped;
}

TmpfsMount::TmpfsMount(const fs::path& dir, const std::string& size) : m_dir(dir) {
    fs::create_directories(dir);
    const std::string opts = "size=" + size + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, opts.c_str()) == 0)
        m_mounted = true;
    else
        m_error = std::strerror(errno);
}

TmpfsMount::~TmpfsMount() {
    if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
}

std::uint64_t fillDisk(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    std::vector<char> zeros(64 * 1024, 0);
    std::uint64_t total = 0;
    std::size_t chunk = zeros.size();
    for (;;) {
        const ssize_t w = ::write(fd, zeros.data(), chunk);
        if (w > 0) {
            total += static_cast<std::uint64_t>(w);
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == ENOSPC && chunk > 1) {
            chunk /= 2; // squeeze the last partial block too
            continue;
        }
        break;
    }
    ::fsync(fd);
    ::close(fd);
    return total;
}

} // namespace rob
