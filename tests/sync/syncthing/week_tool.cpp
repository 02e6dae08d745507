// sync_week_tool: the edits of the Syncthing week (tests/sync/syncthing/syncthing_week.sh) that the CLI does
// not make — a contact recorded, a field edited, a network member deleted — and a dump of what two vaults
// must agree on. Every vault uses the fixture passphrase. All names invented.
//
//   sync_week_tool pair KW_DIR SW_DIR FILES_DIR       two vaults that know each other; KW shares its young
//                                                      person with SW, who has imported KW's first bundle
//   sync_week_tool record VAULT DAYS_AGO WORDS        a family-time contact that happened DAYS_AGO days ago
//   sync_week_tool notes VAULT TEXT                   the young person's notes
//   sync_week_tool member-notes VAULT TEXT            the notes of the first network member (by name)
//   sync_week_tool delete-member VAULT                deletes the first network member (by name)
//   sync_week_tool dump VAULT                         every record row and every open conflict
//   sync_week_tool count VAULT                        "records N conflicts N"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"
#include "vault_dump.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

using namespace throughline;
using namespace throughline::core;
namespace fs = std::filesystem;

namespace {

template <class T> T must(Result<T> r, const char* what) {
    if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
    return std::move(r.value());
}

void must(const Status& s, const char* what) {
    if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().message);
}

// The one young person both vaults hold.
YoungPerson theYoungPerson(Store& store) {
    auto people = must(store.listYoungPeople(), "young people");
    if (people.size() != 1) throw std::runtime_error("expected exactly one young person");
    return must(store.youngPerson(people.front().id), "young person");
}

NetworkMember firstMember(Store& store, const std::string& yp) {
    auto members = must(store.network(yp), "network");
    if (members.empty()) throw std::runtime_error("no network members");
    std::sort(members.begin(), members.end(),
              [](const NetworkMember& a, const NetworkMember& b) { return a.name < b.name; });
    return members.front();
}

std::size_t rowsIn(Vault& v) {
    std::size_t n = 0;
    for (const char* t : synctest::kRecordTables)
        n += static_cast<std::size_t>(v.database().scalar(std::string("SELECT count(*) FROM ") + t));
    return n;
}

int run(int argc, char** argv) {
    const std::string verb = argc > 1 ? argv[1] : "";
    const auto need = [&](int n) {
        if (argc != n) throw std::invalid_argument("wrong number of arguments for " + verb);
    };
    if (verb == "pair") {
        need(5);
        testing::makeSyncPair(argv[2], argv[3], argv[4], true);
        return 0;
    }
    if (argc < 3) throw std::invalid_argument("usage: sync_week_tool VERB VAULT ...");
    auto vault = testing::openFixtureVault(argv[2]);
    Store& store = vault->store();
    if (verb == "record") {
        need(5);
        const YoungPerson yp = theYoungPerson(store);
        ContactRecord c;
        c.youngPersonId = yp.meta.id;
        c.kind = ContactKind::FamilyTime;
        c.date = store.today().addDays(-std::stoi(argv[3]));
        c.participantIds = {firstMember(store, yp.meta.id).meta.id};
        c.uses = static_cast<std::uint32_t>(Use::Consistency);
        c.youngPersonWords = argv[4];
        std::cout << must(store.save(c), "record") << "\n";
    } else if (verb == "notes") {
        need(4);
        YoungPerson yp = theYoungPerson(store);
        yp.notes = argv[3];
        must(store.save(yp), "notes");
    } else if (verb == "member-notes") {
        need(4);
        NetworkMember m = firstMember(store, theYoungPerson(store).meta.id);
        m.notes = argv[3];
        must(store.save(m), "member notes");
    } else if (verb == "delete-member") {
        need(3);
        const NetworkMember m = firstMember(store, theYoungPerson(store).meta.id);
        must(store.remove(RecordKind::NetworkMember, m.meta.id), "delete member");
    } else if (verb == "dump") {
        need(3);
        std::cout << synctest::dumpRecords(*vault, false) << synctest::dumpConflicts(*vault);
    } else if (verb == "count") {
        need(3);
        std::cout << "records " << rowsIn(*vault) << " conflicts "
                  << must(sync::openConflicts(*vault), "conflicts").size() << "\n";
    } else {
        throw std::invalid_argument("unknown verb '" + verb + "'");
    }
    vault->lock();
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "sync_week_tool: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sync_week_tool: %s\n", e.what());
        return 1;
    }
}
