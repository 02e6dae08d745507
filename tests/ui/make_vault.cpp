// ui_make_vault DIR PASSFILE [--demo N]: a small invented vault for the real-window test and screenshots.
#include "vault_fixture.hpp"

#include "throughline/records/demo.hpp"
#include "throughline/vault/vault.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

using namespace throughline;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: ui_make_vault DIR PASSFILE [--demo YOUNG_PEOPLE]\n");
        return 2;
    }
    std::ifstream in(argv[2]);
    std::string pass;
    std::getline(in, pass);
    core::CreateOptions opts;
    opts.kdf = core::KdfParams::minimumForTests();
    opts.owner.name = "Alex Testworker";
    auto created = core::Vault::create(argv[1], pass, opts);
    if (!created) {
        std::fprintf(stderr, "ui_make_vault: %s\n", created.error().message.c_str());
        return 1;
    }
    try {
        auto ids = testing::addFixture(created->vault->store());
        if (argc >= 5 && std::strcmp(argv[3], "--demo") == 0) {
            core::DemoOptions d;
            d.seed = 11;
            d.youngPeople = std::atoi(argv[4]);
            d.contacts = d.youngPeople * 60;
            auto st = core::generateDemo(created->vault->store(), d);
            if (!st) throw std::runtime_error(st.error().message);
        }
        std::printf("%s\n", ids.youngPerson.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ui_make_vault: %s\n", e.what());
        return 1;
    }
    return 0;
}
