// A second process for the robustness tests.
//   robustness_helper write DIR PASS     open the vault, then save records in a loop until killed; after each
//                                        commit print "C <contact id> <n>" or "E <n>" (an edit) and flush
//   robustness_helper hold DIR PASS      open the vault, print "ready", hold it until stdin closes
//   robustness_helper try-open DIR PASS  try to open the vault, print "ok" or the error code name
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "throughline/records/records.hpp"
#include "throughline/records/store.hpp"
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

} // namespace

int main(int argc, char** argv) {
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
