// ui_make_vault DIR PASSFILE [--demo N]: a small invented vault for the real-window test and screenshots.
#include "throughline/testing/test_vault.hpp"

#include "throughline/records/demo.hpp"

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
    try {
        testing::VaultOptions o;
        o.seed = testing::Seed::Fixture;
        o.owner = {"Alex Testworker", "", ""};
        o.pass = pass;
        auto created = testing::makeVault(argv[1], o);
        const auto& ids = created.fixture;
        if (argc >= 5 && std::strcmp(argv[3], "--demo") == 0) {
            core::DemoOptions d;
            d.seed = 11;
            d.youngPeople = std::atoi(argv[4]);
            d.contacts = d.youngPeople * 60;
            auto st = core::generateDemo(created.vault->store(), d);
            if (!st) throw std::runtime_error(st.error().message);
        }
        std::printf("%s\n", ids.youngPerson.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ui_make_vault: %s\n", e.what());
        return 1;
    }
    return 0;
}
