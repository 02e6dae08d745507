// Device identities, contact cards, verification and sharing scopes.
#include <doctest/doctest.h>
#include <sodium.h>

#include "sync_test_util.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/base/text.hpp"
#include "throughline/db/database.hpp"
#include "throughline/vault/vault.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;

namespace {

// A card with the given keys, signed with `signSecret` (the format of docs/bundle-format.md §2).
std::string handMadeCard(const PublicIdentity& id, const SecureBytes& signSecret,
                         const std::string& fingerprint) {
    std::string body = "THROUGHLINE CONTACT CARD 1\nname: " + id.name + "\nrole: " + id.role +
                       "\norganisation: " + id.organisation + "\ndevice: " + id.device +
                       "\nsign-key: " + toHex(id.signKey.data(), 32) +
                       "\nbox-key: " + toHex(id.boxKey.data(), 32) + "\nfingerprint: " + fingerprint + "\n";
    std::uint8_t sig[64];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                         signSecret.data());
    return body + "signature: " + toHex(sig, 64) + "\n";
}

} // namespace

TEST_SUITE("identity") {

    TEST_CASE("a new vault has an identity whose card parses back to the same keys and owner") {
        tltest::TempDir tmp;
        auto created = tltest::makeVault(tmp / "a");
        auto& vault = *created.vault;
        auto id = ownIdentity(vault);
        REQUIRE(id.ok());
        CHECK(id->name == "Test Worker");
        CHECK(id->device == vault.deviceId());
        auto card = makeCard(vault);
        REQUIRE(card.ok());
        CHECK(card->find("THROUGHLINE CONTACT CARD 1\n") == 0);
        auto parsed = parseCard(*card);
        REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
        CHECK(parsed->signKey == id->signKey);
        CHECK(parsed->boxKey == id->boxKey);
        CHECK(parsed->organisation == "Fernbrook Children's Services");
        const std::string words = id->fingerprintWords();
        CHECK(words.size() == 39); // 8 groups of 4 and 7 hyphens
        CHECK(card->find("fingerprint: " + words) != std::string::npos);
        // The keys survive locking: the same identity after unlocking again.
        vault.lock();
        auto again = Vault::open(tmp / "a", tltest::kFixturePass);
        REQUIRE(again.ok());
        auto id2 = ownIdentity(**again);
        REQUIRE(id2.ok());
        CHECK(id2->fingerprintHex() == id->fingerprintHex());
    }

    TEST_CASE("a vault made before sync gets its keys on first unlock") {
        tltest::TempDir tmp;
        {
            auto created = tltest::makeVault(tmp / "old");
            created.vault->database().exec("DELETE FROM meta WHERE key LIKE 'sync_%'");
        }
        auto v = Vault::open(tmp / "old", tltest::kFixturePass);
        REQUIRE(v.ok());
        CHECK((*v)->database().scalar("SELECT count(*) FROM meta WHERE key LIKE 'sync_%_sk'") == 2);
        CHECK(ownIdentity(**v).ok());
    }

    TEST_CASE("altered, mistyped and weak cards are refused, each with its own message") {
        tltest::TempDir tmp;
        auto created = tltest::makeVault(tmp / "a");
        const std::string card = makeCard(*created.vault).value();
        const auto refuse = [](const std::string& text) {
            auto r = parseCard(text);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == ErrorCode::Invalid);
            return r.error().message;
        };
        std::string renamed = card;
        renamed.replace(renamed.find("Test Worker"), 4, "Evil");
        CHECK(refuse(renamed).find("altered") != std::string::npos);
        std::string cut = card.substr(0, card.size() / 2);
        CHECK(refuse(cut).find("lines") != std::string::npos);
        CHECK(refuse("hello").find("not a Throughline contact card") != std::string::npos);
        CHECK(refuse(std::string(5000, 'x')).find("too big") != std::string::npos);
        std::string badHex = card;
        badHex[badHex.find("sign-key: ") + 10] = 'z';
        CHECK(refuse(badHex).find("malformed") != std::string::npos);

        synctest::TestIdentity t("Pell Varga");
        // A wrong fingerprint line with a valid signature.
        CHECK(refuse(handMadeCard(t.pub, t.signSecret, "0000-0000-0000-0000-0000-0000-0000-0000"))
                  .find("fingerprint") != std::string::npos);
        // A low-order X25519 key (the all-zero point), properly signed and fingerprinted.
        PublicIdentity weak = t.pub;
        weak.boxKey.fill(0);
        CHECK(refuse(handMadeCard(weak, t.signSecret, weak.fingerprintWords())).find("low-order") !=
              std::string::npos);
        // And a good hand-made card is accepted: the format doc is enough to write one.
        CHECK(parseCard(handMadeCard(t.pub, t.signSecret, t.pub.fingerprintWords())).ok());
    }

    TEST_CASE("contacts: import unverified or verified, find by name or fingerprint, scope per contact") {
        tltest::TempDir tmp;
        auto a = tltest::makeVault(tmp / "a");
        auto b = tltest::makeVault(tmp / "b");
        REQUIRE(b.vault->setOwner({"Sol Brannigan", "Social worker", "Harlow Vale Council"}).ok());
        const std::string cardB = makeCard(*b.vault).value();
        // Its own card is refused.
        auto own = importCard(*a.vault, makeCard(*a.vault).value(), false);
        REQUIRE_FALSE(own.ok());
        CHECK(own.error().message.find("own contact card") != std::string::npos);

        auto c = importCard(*a.vault, cardB, false);
        REQUIRE(c.ok());
        CHECK_FALSE(c->verified);
        CHECK(c->identity.name == "Sol Brannigan");
        // Re-importing with --verified verifies; re-importing without never downgrades.
        CHECK(importCard(*a.vault, cardB, true)->verified);
        CHECK(importCard(*a.vault, cardB, false)->verified);
        auto list = listContacts(*a.vault);
        REQUIRE(list.ok());
        REQUIRE(list->size() == 1);

        const std::string fp = c->identity.fingerprintHex();
        CHECK(findContact(*a.vault, "sol brannigan").ok());
        CHECK(findContact(*a.vault, fp.substr(0, 10)).ok());
        CHECK(findContact(*a.vault, c->identity.fingerprintWords().substr(0, 9)).ok());
        auto none = findContact(*a.vault, "Nobody Here");
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().code == ErrorCode::NotFound);

        const std::string yp = tltest::seedSmall(a.vault->store());
        CHECK(share(*a.vault, fp, yp).ok());
        CHECK(share(*a.vault, fp, yp).ok()); // twice is once
        CHECK(findContact(*a.vault, fp)->scope == std::vector<std::string>{yp});
        auto missing = share(*a.vault, fp, newUuid());
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == ErrorCode::NotFound);
        CHECK(unshare(*a.vault, fp, yp).ok());
        CHECK(findContact(*a.vault, fp)->scope.empty());
        CHECK(unshare(*a.vault, fp, yp).error().code == ErrorCode::NotFound);
    }

} // TEST_SUITE
