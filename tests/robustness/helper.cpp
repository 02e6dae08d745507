// A second process for the robustness tests.
//   robustness_helper write DIR PASS     open the vault, then save records in a loop until killed; after each
//                                        commit print "C <contact id> <n>" or "E <n>" (an edit) and flush
//   robustness_helper hold DIR PASS      open the vault, print "ready", hold it until stdin closes
//   robustness_helper try-open DIR PASS  try to open the vault, print "ok" or the error code name
//   robustness_helper crash PATH DIR PASS [ARG...]
//                                        the crash loop's writer (crash_loop.cpp): open the vault, print
//                                        "ready", then write along one write path until killed, printing one
//                                        line after each write has returned (committed), flushed:
//     save                 "C <id> <n>"   a new contact, observations "Crash-test call <pid>-<n>: ..."
//     edit CONTACT         "E <n>"        the contact's observations, words and place note, all "<pid>-<n>"
//     delete               "K <id> <n>", then "D <id>"   a contact saved, then deleted
//     import-records       "R <n>"        a records file of three contacts "Records import <pid>-<n> #k"
//     import-bundle INBOX  "B <file>"     each *.thrl in INBOX, in name order (replays skipped)
//     settle               "S <conflict>" every open conflict, alternately keeping and taking the other
//     passphrase OTHER     "P <0|1>"      the passphrase changed to OTHER (1) and back to PASS (0), in turn;
//                                         opens with PASS or, failing that, OTHER
//     migrate              as save; the open itself runs the schema upgrade (the vault is at an old schema)
//     export FP OUTDIR     "C <id> <n>", then "X <file>"  a contact saved, then a bundle to FP exported
//   On a full disk (DiskFull) the writer prints "full" and exits 0.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "throughline/base/time.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/records/records.hpp"
#include "throughline/records/records_json.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"

using namespace throughline::core;

namespace {

int fail(const Error& e) {
    std::printf("error %s %s\n", errorCodeName(e.code), e.message.c_str());
    std::fflush(stdout);
    return 2;
}

int writeLoop(Vault& v) {
    Store& store = v.store();
    auto people = store.listYoungPeople();
    if (!people) return fail(people.error());
    if (people->empty()) return fail(makeError(ErrorCode::NotFound, "no young person to write for"));
    const std::string personId = people->front().id;
    auto network = store.network(personId);
    if (!network) return fail(network.error());
    const std::string tag = std::to_string(::getpid());
    std::printf("ready\n");
    std::fflush(stdout);
    for (long n = 0; n < 1'000'000; ++n) {
        if (n % 5 == 4) {
            auto yp = store.youngPerson(personId);
            if (!yp) return fail(yp.error());
            yp->notes = "edit " + tag + "-" + std::to_string(n);
            if (auto s = store.save(*yp); !s) return fail(s.error());
            std::printf("E %ld\n", n);
        } else {
            ContactRecord c;
            c.youngPersonId = personId;
            c.kind = ContactKind::PhoneOrVideo;
            c.date = Date::today();
            c.durationMinutes = 10;
            if (!network->empty())
                c.participantIds = {network->at(static_cast<std::size_t>(n) % network->size()).meta.id};
            c.observations =
                "Crash-test call " + tag + "-" + std::to_string(n) + ": talked about the weekend.";
            auto id = store.save(c);
            if (!id) return fail(id.error());
            std::printf("C %s %ld\n", id->c_str(), n);
        }
        // Printed only after the commit returned: everything printed must survive a kill.
        std::fflush(stdout);
    }
    return 0;
}

// ---- the crash loop's writer

void say(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout); // printed only after the write returned: everything printed must survive a kill
}

// A full disk ends the run quietly (the loop checks the vault all the same); anything else is a failure.
int stop(const Error& e) {
    if (e.code == ErrorCode::DiskFull) {
        say("full");
        return 0;
    }
    return fail(e);
}

struct Writer {
    explicit Writer(Vault& vault) : v(vault) {}
    Vault& v;
    std::string tag = std::to_string(::getpid());
    std::string personId;
    std::vector<std::string> members;

    Status prepare() {
        auto people = v.store().listYoungPeople();
        if (!people) return people.error();
        if (people->empty()) return makeError(ErrorCode::NotFound, "no young person to write for");
        personId = people->front().id;
        auto network = v.store().network(personId);
        if (!network) return network.error();
        for (const auto& m : *network)
            members.push_back(m.meta.id);
        return {};
    }

    Result<std::string> saveContact(const std::string& text, long n) {
        ContactRecord c;
        c.youngPersonId = personId;
        c.kind = ContactKind::PhoneOrVideo;
        c.date = Date::today();
        c.durationMinutes = 10;
        if (!members.empty()) c.participantIds = {members[static_cast<std::size_t>(n) % members.size()]};
        c.observations = text;
        return v.store().save(c);
    }
    std::string callText(long n) const {
        return "Crash-test call " + tag + "-" + std::to_string(n) + ": talked about the weekend.";
    }
};

int crashSave(Writer& w) {
    for (long n = 0;; ++n) {
        auto id = w.saveContact(w.callText(n), n);
        if (!id) return stop(id.error());
        say("C " + *id + " " + std::to_string(n));
    }
}

int crashEdit(Writer& w, const std::string& contactId) {
    for (long n = 0;; ++n) {
        auto c = w.v.store().contact(contactId);
        if (!c) return stop(c.error());
        const std::string mark = w.tag + "-" + std::to_string(n);
        // Three fields in one save: a reader must never see them from two different saves.
        c->observations = "Edit " + mark + ": settled in well after the move.";
        c->youngPersonWords = "Words " + mark;
        c->placeNote = "Place " + mark;
        if (auto s = w.v.store().save(*c); !s) return stop(s.error());
        say("E " + std::to_string(n));
    }
}

int crashDelete(Writer& w) {
    for (long n = 0;; ++n) {
        auto id = w.saveContact("Delete-me " + w.tag + "-" + std::to_string(n) + ": entered in error.", n);
        if (!id) return stop(id.error());
        say("K " + *id + " " + std::to_string(n));
        if (auto s = w.v.store().remove(RecordKind::Contact, *id); !s) return stop(s.error());
        say("D " + *id);
    }
}

int crashImportRecords(Writer& w) {
    const std::string today = Date::today().iso();
    for (long n = 0;; ++n) {
        std::string json = R"({"format": "throughline-records", "version": 1, "contacts": [)";
        for (int k = 0; k < 3; ++k)
            json += std::string(k ? ", " : "") + R"({"ref": "c-)" + std::to_string(k) +
                    R"(", "youngPerson": ")" + w.personId + R"(", "kind": "phone_video", "date": ")" + today +
                    R"(", "durationMinutes": 20, "observations": "Records import )" + w.tag + "-" +
                    std::to_string(n) + " #" + std::to_string(k) + R"(: a call about school."})";
        json += "]}";
        std::vector<RecordsProblem> problems;
        auto file = parseRecordsJson(json, Date::today(), nowMillis(), problems);
        if (!problems.empty()) return fail(recordsProblemsError(problems));
        auto imported = importRecords(w.v.store(), w.v.audit(), file,
                                      "crash-" + w.tag + "-" + std::to_string(n) + ".json", problems);
        if (!imported) return stop(imported.error());
        say("R " + std::to_string(n));
    }
}

int crashImportBundle(Writer& w, const std::filesystem::path& inbox) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(inbox))
        if (e.path().extension() == ".thrl") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto r = sync::importFile(w.v, f);
        if (!r) {
            if (r.error().reason == ErrorReason::BundleReplay ||
                r.error().reason == ErrorReason::BundleNothingNew)
                continue;
            return stop(r.error());
        }
        say("B " + f.filename().string());
    }
    say("idle");
    for (;;)
        ::pause(); // nothing left to import: wait for the kill
}

int crashSettle(Writer& w) {
    auto open = sync::openConflicts(w.v);
    if (!open) return stop(open.error());
    int k = 0;
    for (const auto& c : *open) {
        const auto choice = (k++ % 2) ? sync::Settle::TakeOther : sync::Settle::KeepShown;
        if (auto s = sync::settleConflict(w.v, c.id, choice); !s) return stop(s.error());
        say("S " + std::to_string(c.id));
    }
    say("idle");
    for (;;)
        ::pause();
}

int crashPassphrase(Writer& w, int current, const std::string& pass0, const std::string& pass1) {
    for (;;) {
        const int next = 1 - current;
        if (auto s = w.v.changePassphrase(next ? pass1 : pass0); !s) return stop(s.error());
        current = next;
        say("P " + std::to_string(current));
    }
}

int crashExport(Writer& w, const std::string& fingerprint, const std::filesystem::path& outDir) {
    for (long n = 0;; ++n) {
        auto id = w.saveContact(w.callText(n), n);
        if (!id) return stop(id.error());
        say("C " + *id + " " + std::to_string(n));
        const auto file = outDir / ("x-" + w.tag + "-" + std::to_string(n) + ".thrl");
        auto r = sync::exportTo(w.v, fingerprint, {}, file);
        if (!r) return stop(r.error());
        if (!r->nothingToSend) say("X " + file.filename().string());
    }
}

int crash(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s crash PATH DIR PASS [ARG...]\n", argv[0]);
        return 64;
    }
    const std::string path = argv[2], dir = argv[3], pass = argv[4];
    const std::string arg1 = argc > 5 ? argv[5] : "", arg2 = argc > 6 ? argv[6] : "";
    int current = 0;
    auto opened = Vault::open(dir, pass);
    if (!opened && path == "passphrase" && opened.error().code == ErrorCode::WrongPassphrase) {
        opened = Vault::open(dir, arg1);
        current = 1;
    }
    if (!opened) return stop(opened.error());
    Writer w(*opened.value());
    if (auto s = w.prepare(); !s) return stop(s.error());
    say("ready");
    if (path == "save" || path == "migrate") return crashSave(w);
    if (path == "edit") return crashEdit(w, arg1);
    if (path == "delete") return crashDelete(w);
    if (path == "import-records") return crashImportRecords(w);
    if (path == "import-bundle") return crashImportBundle(w, arg1);
    if (path == "settle") return crashSettle(w);
    if (path == "passphrase") return crashPassphrase(w, current, pass, arg1);
    if (path == "export") return crashExport(w, arg1, arg2);
    std::fprintf(stderr, "unknown write path %s\n", path.c_str());
    return 64;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "crash") return crash(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s write|hold|try-open DIR PASS\n", argv[0]);
        return 64;
    }
    const std::string mode = argv[1], dir = argv[2], pass = argv[3];
    auto opened = Vault::open(dir, pass);
    if (mode == "try-open") {
        std::printf("%s\n", opened ? "ok" : errorCodeName(opened.error().code));
        std::fflush(stdout);
        return 0;
    }
    if (!opened) return fail(opened.error());
    if (mode == "write") return writeLoop(*opened.value());
    if (mode == "hold") {
        std::printf("ready\n");
        std::fflush(stdout);
        std::string line;
        while (std::getline(std::cin, line)) {
        }
        opened.value()->lock();
        std::printf("released\n");
        std::fflush(stdout);
        return 0;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 64;
}
