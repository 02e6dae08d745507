// The bundle writer and reader: round trips, chunking, compression, several recipients.
#include <doctest/doctest.h>

#include "sync_test_util.hpp"

using namespace synctest;

namespace {

void checkSame(const std::vector<Change>& a, const std::vector<Change>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].hlc == b[i].hlc);
        CHECK(a[i].device == b[i].device);
        CHECK(a[i].kind == b[i].kind);
        CHECK(a[i].recordId == b[i].recordId);
        CHECK(a[i].field == b[i].field);
        CHECK(a[i].value == b[i].value);
        CHECK(a[i].author == b[i].author);
        CHECK(a[i].base == b[i].base);
    }
}

} // namespace

TEST_SUITE("bundle") {

    TEST_CASE("a bundle reads back to the same manifest and changes, compressed or not") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        const auto changes = sampleChanges(40);
        for (bool compress : {true, false}) {
            Manifest m;
            m.sequence = 7;
            m.createdAt = 1767225600123;
            m.schemaVersion = 5;
            m.flags = FullExport;
            auto file = writeBundle(m, changes, alice.sender(), {bob.pub}, compress);
            REQUIRE(file.ok());
            auto read = readAs(*file, bob, {&alice});
            REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error().message));
            CHECK(read->manifest.sequence == 7);
            CHECK(read->manifest.createdAt == 1767225600123);
            CHECK(read->manifest.flags == FullExport);
            CHECK(read->manifest.senderName == "Ada Quillfeather");
            CHECK(read->manifest.senderFingerprint == alice.pub.fingerprint());
            REQUIRE(read->manifest.recipients.size() == 1);
            CHECK(read->manifest.recipients.front() == bob.pub.fingerprint());
            CHECK(read->manifest.changeCount == 40);
            CHECK(read->senderSignKey == alice.pub.signKey);
            checkSame(read->changes, changes);
        }
    }

    TEST_CASE("large bundles span many 64 KiB chunks; an exact multiple ends with an empty final chunk") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        auto changes = sampleChanges(300);
        for (auto& c : changes)
            c.value = std::string(900, 'q') + c.value; // ~300 KiB uncompressed
        auto file = writeBundle({}, changes, alice.sender(), {bob.pub}, false);
        REQUIRE(file.ok());
        CHECK(file->size() > 4 * 65536);
        auto read = readAs(*file, bob, {&alice});
        REQUIRE(read.ok());
        checkSame(read->changes, changes);
        // Plaintext of exactly two chunks (131072 bytes): the last full chunk is a MESSAGE and an empty FINAL
        // chunk follows. The padding is spread over three changes (a value holds at most 64 KiB).
        const BundleId id{};
        Manifest m = manifestFor(alice, {&bob}, id, 1, 3);
        auto three = sampleChanges(3);
        const std::size_t base = 32 + 1 + 4 + 4 + 64 + encodeBodyForTest(m, three).size();
        std::size_t pad = 131072 - base;
        for (auto& c : three) {
            const std::size_t add = std::min<std::size_t>(pad, 60000);
            c.value += std::string(add, 'p');
            pad -= add;
        }
        Craft craft;
        craft.body = encodeBodyForTest(m, three);
        REQUIRE(32 + 1 + 4 + 4 + 64 + craft.body.size() == 131072);
        auto exact = craftBundle(alice, {&bob}, id, craft);
        CHECK(exact.size() == 29 + 80 + 24 + 32 + 2 * (65536 + 17) + 17);
        auto r = readAs(exact, bob, {&alice});
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
        checkSame(r->changes, three);
    }

    TEST_CASE("each of several recipients can open the bundle; the header does not name them") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan"), cara("Cara Oyelaran");
        auto file = writeBundle({}, sampleChanges(3), alice.sender(), {bob.pub, cara.pub});
        REQUIRE(file.ok());
        CHECK(readAs(*file, bob, {&alice}).ok());
        CHECK(readAs(*file, cara, {&alice}).ok());
        const std::string bytes(file->begin(), file->end());
        CHECK(bytes.find("Sol Brannigan") == std::string::npos);
        CHECK(bytes.find("Ada Quillfeather") == std::string::npos); // nothing readable outside the encryption
    }

    TEST_CASE("a low-order recipient key is refused by the writer") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        PublicIdentity weak = bob.pub;
        weak.boxKey.fill(0);
        auto file = writeBundle({}, sampleChanges(1), alice.sender(), {weak});
        REQUIRE_FALSE(file.ok());
        CHECK(file.error().message.find("weak key") != std::string::npos);
    }

} // TEST_SUITE
