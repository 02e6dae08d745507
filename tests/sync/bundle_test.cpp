// The bundle writer and reader: round trips, chunking, compression, several recipients.
#include <doctest/doctest.h>

#include "bundle_body.hpp" // core/sync/src: the writer's body encoder, compared with the format doc
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

    TEST_CASE("the writer's body is, byte for byte, the encoding docs/bundle-format.md describes") {
        // encodeBodyForTest is written from the format doc alone; the writer uses cereal. For bodies whose
        // changes fit one frame both frame the same way, so the bytes must be identical.
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan"), cara("Cara Oyelaran");
        Manifest m = manifestFor(alice, {&bob, &cara}, BundleId{9, 8, 7}, 3, 40);
        m.flags = FullExport | LocationIncluded;
        m.senderAudit.seq = 12;
        m.senderAudit.hash.fill(7);
        m.senderAudit.signature.fill(9);
        m.recipientAudit.seq = 5;
        auto changes = sampleChanges(40);
        changes[3].base = changes[1].changeId;
        changes[5].kind = RecordKind::Placement;
        changes[5].field = "location_name";
        const Attachment a{
            "handover.pdf", "application/pdf", changes[0].recordId, {'%', 'P', 'D', 'F', 0, 1}};
        const auto body = body::encodeBody(m, changes, {a});
        CHECK(body == encodeBodyForTest(m, changes, {a}));

        auto parsed = parseBody(body.data(), body.size());
        REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
        checkSame(parsed->changes, changes);
        CHECK(parsed->changes[3].changeId == std::to_string(changes[3].hlc) + "@" + changes[3].device);
        const Manifest& r = parsed->manifest;
        CHECK(r.senderFingerprint == m.senderFingerprint);
        CHECK(r.senderDevice == m.senderDevice);
        CHECK(r.senderOrganisation == m.senderOrganisation);
        CHECK(r.recipients == m.recipients);
        CHECK(r.bundleId == m.bundleId);
        CHECK(r.sequence == 3);
        CHECK(r.createdAt == m.createdAt);
        CHECK(r.schemaVersion == m.schemaVersion);
        CHECK(r.flags == m.flags);
        CHECK(r.changeCount == 40);
        CHECK(r.senderAudit == m.senderAudit);
        CHECK(r.recipientAudit == m.recipientAudit);
        REQUIRE(parsed->attachments.size() == 1);
        CHECK(parsed->attachments[0].name == a.name);
        CHECK(parsed->attachments[0].youngPersonId == a.youngPersonId);
        CHECK(parsed->attachments[0].bytes == a.bytes);
    }

    TEST_CASE(
        "a large export is written in frames of at most 4096 changes and about 256 KiB, and reads back") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        auto changes = sampleChanges(10000);
        for (std::size_t i = 0; i < 12; ++i)
            changes[i * 700].value = std::string(BundleLimits::maxValueBytes, 'v'); // frames close early
        const auto body = body::encodeBody(Manifest{}, changes, {});
        // Walk the frames: each within its cap, the changes adding up.
        std::size_t at = 8, frames = 0, total = 0;
        at += 4 + (body[8] | body[9] << 8 | body[10] << 16 | std::size_t{body[11]} << 24); // the manifest
        while (at < body.size()) {
            const std::size_t n =
                body[at] | body[at + 1] << 8 | body[at + 2] << 16 | std::size_t{body[at + 3]} << 24;
            CHECK(n <= body::kMaxChangesFrame);
            std::size_t count = 0;
            for (int i = 7; i >= 0; --i)
                count = count << 8 | body[at + 4 + 1 + static_cast<std::size_t>(i)];
            CHECK(count >= 1);
            CHECK(count <= body::kMaxChangesPerFrame);
            total += count;
            ++frames;
            at += 4 + n;
        }
        CHECK(at == body.size());
        CHECK(total == changes.size());
        CHECK(frames > 10000 / body::kMaxChangesPerFrame + 1);

        auto file = writeBundle({}, changes, alice.sender(), {bob.pub});
        REQUIRE(file.ok());
        auto read = readAs(*file, bob, {&alice});
        REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error().message));
        checkSame(read->changes, changes);
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
