// Hostile bundles: every byte flipped, truncations, junk, two final chunks, wrong recipient, unknown sender,
// bad signature, oversize lengths, low-order keys. Each is refused, with its own message.
#include <doctest/doctest.h>
#include <sodium.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <new>

#include "sync_test_util.hpp"

using namespace synctest;

// The largest single allocation made with `new` while a LargestAllocation is alive: shows that a body
// declaring huge sizes is refused before anything (cereal included) allocates from them.
namespace {
std::atomic<bool> g_tracking{false};
std::atomic<std::size_t> g_largest{0};
} // namespace

// g++ cannot see that these deletes pair with the news below (-Wmismatched-new-delete).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
    if (g_tracking.load(std::memory_order_relaxed)) {
        std::size_t seen = g_largest.load(std::memory_order_relaxed);
        while (n > seen && !g_largest.compare_exchange_weak(seen, n)) {
        }
    }
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    return ::operator new(n);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
#pragma GCC diagnostic pop

namespace {

struct LargestAllocation {
    LargestAllocation() {
        g_largest = 0;
        g_tracking = true;
    }
    ~LargestAllocation() { g_tracking = false; }
    std::size_t bytes() const { return g_largest.load(); }
};

std::string keyOf(const Result<BundleContents>& r) {
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(r.error().message.empty());
    return std::string(enumKey(r.error().reason));
}

constexpr std::size_t kHeader1 = 29 + 80 + 24 + 32; // header size with one recipient
constexpr std::size_t kChunk = 65536 + 17;

} // namespace

TEST_SUITE("hostile") {

    TEST_CASE("flipping any single bit of any byte of a small bundle is detected") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        const auto file = writeBundle({}, sampleChanges(5), alice.sender(), {bob.pub}).value();
        REQUIRE(readAs(file, bob, {&alice}).ok());
        std::map<std::string, int> keys;
        for (std::size_t i = 0; i < file.size(); ++i) {
            auto bad = file;
            bad[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
            auto r = readAs(bad, bob, {&alice});
            REQUIRE_MESSAGE(!r.ok(), "flip at byte " << i << " went unnoticed");
            ++keys[std::string(enumKey(r.error().reason))];
        }
        // Magic/version/flags, the stanza, the MAC and the payload all fail in their own way.
        CHECK(keys.count("header"));
        CHECK(keys.count("recipient"));
        CHECK(keys.count("header-mac"));
        CHECK(keys.count("damaged"));
    }

    TEST_CASE("truncation at every chunk boundary and inside chunks, appended junk, two final chunks") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        auto changes = sampleChanges(200);
        for (auto& c : changes)
            c.value = std::string(800, 'x') + c.value;
        const auto file = writeBundle({}, changes, alice.sender(), {bob.pub}, false).value();
        REQUIRE(file.size() > kHeader1 + 2 * kChunk);
        for (std::size_t cut = kHeader1; cut < file.size(); cut += kChunk) {
            std::vector<std::uint8_t> t(file.begin(), file.begin() + static_cast<long>(cut));
            const auto k = keyOf(readAs(t, bob, {&alice}));
            CHECK_MESSAGE((k == "truncated" || k == "size"), "cut at " << cut << ": " << k);
            if (cut + 1000 < file.size()) {
                std::vector<std::uint8_t> mid(file.begin(), file.begin() + static_cast<long>(cut + 1000));
                CHECK(keyOf(readAs(mid, bob, {&alice})) == "damaged");
            }
        }
        std::vector<std::uint8_t> oneShort(file.begin(), file.end() - 1);
        CHECK(keyOf(readAs(oneShort, bob, {&alice})) == "damaged");
        std::vector<std::uint8_t> header(file.begin(), file.begin() + 60);
        CHECK(keyOf(readAs(header, bob, {&alice})) == "size");

        auto junk = file;
        junk.insert(junk.end(), {'j', 'u', 'n', 'k'});
        CHECK(keyOf(readAs(junk, bob, {&alice})) == "damaged"); // the junk is read as a (failing) chunk
        auto junk2 = file;
        junk2.insert(junk2.end(), 40, 'j');
        CHECK(keyOf(readAs(junk2, bob, {&alice})) == "damaged");

        Craft craft;
        auto big = sampleChanges(2);
        for (auto& c : big)
            c.value = std::string(40000, 'y');
        Manifest m = manifestFor(alice, {&bob}, BundleId{1}, 1, 2);
        craft.body = encodeBodyForTest(m, big);
        REQUIRE(readAs(craftBundle(alice, {&bob}, BundleId{1}, craft), bob, {&alice}).ok());
        craft.twoFinalChunks = true;
        auto twice = readAs(craftBundle(alice, {&bob}, BundleId{1}, craft), bob, {&alice});
        CHECK(keyOf(twice) == "trailing");
        CHECK(twice.error().message.find("continues after its end") != std::string::npos);
    }

    TEST_CASE("wrong recipient, unknown sender, bad signature, newer version: each its own message") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan"), eve("Eve Marrable");
        const auto file = writeBundle({}, sampleChanges(3), alice.sender(), {bob.pub}).value();
        auto wrong = readAs(file, eve, {&alice});
        CHECK(keyOf(wrong) == "recipient");
        CHECK(wrong.error().message.find("not addressed to this vault") != std::string::npos);
        CHECK(keyOf(readAs(file, bob, {})) == "unknown-sender");

        Manifest m = manifestFor(alice, {&bob}, BundleId{2}, 1, 3);
        Craft craft;
        craft.body = encodeBodyForTest(m, sampleChanges(3));
        craft.corruptSignature = true;
        auto sig = readAs(craftBundle(alice, {&bob}, BundleId{2}, craft), bob, {&alice});
        CHECK(keyOf(sig) == "signature");
        CHECK(sig.error().message.find("signature does not match") != std::string::npos);

        // Signed by Eve but claiming (in the manifest) to be Alice: the signer's fingerprint must match.
        auto claim =
            readAs(craftBundle(eve, {&bob}, BundleId{2}, Craft{encodeBodyForTest(m, sampleChanges(3))}), bob,
                   {&alice, &eve});
        CHECK(keyOf(claim) == "body");

        // Manifest names someone else as recipient (stanza still opens for Bob).
        Manifest other = manifestFor(alice, {&eve}, BundleId{3}, 1, 1);
        auto notListed =
            readAs(craftBundle(alice, {&bob}, BundleId{3}, Craft{encodeBodyForTest(other, sampleChanges(1))}),
                   bob, {&alice});
        CHECK(keyOf(notListed) == "recipient");
        CHECK(notListed.error().message.find("does not list this vault") != std::string::npos);

        Craft newer;
        newer.body = encodeBodyForTest(m, sampleChanges(3));
        newer.version = 5;
        auto v5 = readAs(craftBundle(alice, {&bob}, BundleId{2}, newer), bob, {&alice});
        CHECK(keyOf(v5) == "header");
        CHECK(v5.error().code == ErrorCode::Unsupported);
        CHECK(v5.error().message.find("newer version") != std::string::npos);

        // Format 1 (before changes carried their base) is refused by name, not misread.
        Craft older = newer;
        older.version = 1;
        auto v1 = readAs(craftBundle(alice, {&bob}, BundleId{2}, older), bob, {&alice});
        CHECK(keyOf(v1) == "header");
        CHECK(v1.error().code == ErrorCode::Unsupported);
        CHECK(v1.error().message.find("early test version") != std::string::npos);

        // Format 2 (changes whose origin was not proven) is refused by name as well.
        Craft two = newer;
        two.version = 2;
        auto v2 = readAs(craftBundle(alice, {&bob}, BundleId{2}, two), bob, {&alice});
        CHECK(keyOf(v2) == "header");
        CHECK(v2.error().code == ErrorCode::Unsupported);
        CHECK(v2.error().message.find("format 2") != std::string::npos);
        CHECK(v2.error().message.find("do not prove who wrote each change") != std::string::npos);
    }

    TEST_CASE("a format 3 bundle (the body before cereal) is refused in plain English, not misread") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        // A real format 3 body: the hand-written length-prefixed encoding (u32 lengths), magic TLBODY03.
        std::vector<std::uint8_t> v3Body{'T', 'L', 'B', 'O', 'D', 'Y', '0', '3'};
        v3Body.resize(400, 0);
        Craft three{v3Body};
        three.version = 3;
        const auto file = craftBundle(alice, {&bob}, BundleId{5}, three);
        auto r = readAs(file, bob, {&alice});
        CHECK(keyOf(r) == "header");
        CHECK(r.error().code == ErrorCode::Unsupported);
        CHECK(r.error().message ==
              "This bundle was made by an earlier version of Throughline (format 3), which this version no "
              "longer reads. Ask the sender to update Throughline and export again.");
        CHECK_FALSE(parseHeaderOnly(file.data(), file.size()).ok());
        // The same body inside a version 4 header is not a version 4 body either.
        three.version = 4;
        auto inFour = readAs(craftBundle(alice, {&bob}, BundleId{5}, three), bob, {&alice});
        CHECK(keyOf(inFour) == "body");
        CHECK(inFour.error().message.find("unknown contents") != std::string::npos);
    }

    TEST_CASE("oversize lengths are refused before anything is allocated") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        const BundleId id{4};
        Manifest m = manifestFor(alice, {&bob}, id, 1, 1);
        const auto body = encodeBodyForTest(m, sampleChanges(1));
        // Declared decompressed size over the 256 MiB cap.
        Craft huge{body, 1, std::int64_t{1} << 31};
        CHECK(keyOf(readAs(craftBundle(alice, {&bob}, id, huge), bob, {&alice})) == "payload");
        // Stored length that does not add up.
        Craft lying{body};
        lying.declaredStoredSize = 5;
        CHECK(keyOf(readAs(craftBundle(alice, {&bob}, id, lying), bob, {&alice})) == "payload");
        // A change count far beyond what the bytes could hold.
        Manifest many = m;
        many.changeCount = 9'000'000;
        auto r = readAs(craftBundle(alice, {&bob}, id, Craft{encodeBodyForTest(many, sampleChanges(1))}), bob,
                        {&alice});
        CHECK(keyOf(r) == "body");
        CHECK(r.error().message.find("change count") != std::string::npos);
        // A string length of 4 GiB inside a change (the value's u64 length).
        {
            const auto one = sampleChanges(1);
            auto frame = changesFrameForTest(one);
            const auto& c = one.front();
            const std::size_t valueLenAt =
                1 + 8 + 8 + (8 + c.device.size()) + 1 + (8 + c.recordId.size()) + (8 + c.field.size());
            frame[valueLenAt + 4] = 0x01; // 2^32 + the real length
            const auto b = bodyFromFrames({manifestFrameForTest(m, 0), frame});
            auto s = readAs(craftBundle(alice, {&bob}, id, Craft{b}), bob, {&alice});
            CHECK(keyOf(s) == "body");
            CHECK(s.error().message.find("change 1 is cut short or over its limits") != std::string::npos);
        }
        // Garbage that claims zstd compression.
        Craft zjunk{body, 1};
        CHECK(keyOf(readAs(craftBundle(alice, {&bob}, id, zjunk), bob, {&alice})) == "body");
        // Nonsense kinds and fields.
        auto bad = sampleChanges(1);
        bad.front().field = "no_such_field";
        CHECK(keyOf(readAs(craftBundle(alice, {&bob}, id, Craft{encodeBodyForTest(m, bad)}), bob,
                           {&alice})) == "body");
        // A base that does not name changes.
        for (const char* base : {"not a ref", "12@", "@00aa", "12@00aa,", "12@00aa@bb", "x1@00aa"}) {
            auto withBase = sampleChanges(1);
            withBase.front().base = base;
            INFO(base);
            CHECK(keyOf(readAs(craftBundle(alice, {&bob}, id, Craft{encodeBodyForTest(m, withBase)}), bob,
                               {&alice})) == "body");
        }
        // Attachments: a count over the cap, a length beyond the bytes, a name with a folder in it.
        {
            const auto many =
                bodyFromFrames({manifestFrameForTest(m, 65), changesFrameForTest(sampleChanges(1))});
            auto r = readAs(craftBundle(alice, {&bob}, id, Craft{many}), bob, {&alice});
            CHECK(keyOf(r) == "body");
            CHECK(r.error().message.find("attachment count") != std::string::npos);
        }
        {
            Attachment a{"summary.pdf", "application/pdf", "", {'%', 'P', 'D', 'F'}};
            auto frame = attachmentFrameForTest(a);
            frame[frame.size() - 4 - 8] = 0xff; // length 255, 4 bytes present
            const auto cut =
                bodyFromFrames({manifestFrameForTest(m, 1), changesFrameForTest(sampleChanges(1)), frame});
            auto r = readAs(craftBundle(alice, {&bob}, id, Craft{cut}), bob, {&alice});
            CHECK(keyOf(r) == "body");
            CHECK(r.error().message.find("attachment 1 is cut short") != std::string::npos);
            a.name = "../../.bashrc";
            auto path =
                readAs(craftBundle(alice, {&bob}, id, Craft{encodeBodyForTest(m, sampleChanges(1), {a})}),
                       bob, {&alice});
            CHECK(keyOf(path) == "body");
            CHECK(path.error().message.find("not a valid file") != std::string::npos);
        }
    }

    TEST_CASE(
        "a body declaring sizes over the limits is refused before cereal reads it, without allocating") {
        // Each body below is signed by a known sender (so it reaches the body decoder) and declares a size
        // that cereal, which trusts the sizes it reads, would allocate. The pre-pass refuses each one with
        // its own message, and nothing near the declared size is ever allocated.
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        const BundleId id{6};
        const auto changes = sampleChanges(2);
        Manifest m = manifestFor(alice, {&bob}, id, 1, changes.size());
        const auto manifest = manifestFrameForTest(m, 0);
        const auto good = changesFrameForTest(changes);
        REQUIRE(readAs(craftBundle(alice, {&bob}, id, Craft{bodyFromFrames({manifest, good})}), bob, {&alice})
                    .ok());
        const auto setU64 = [](std::vector<std::uint8_t>& f, std::size_t at, std::uint64_t v) {
            for (int i = 0; i < 8; ++i)
                f[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
        };
        const std::size_t deviceLenAt = 1 + 8 + 8; // byte order, change count, hlc
        const std::size_t recipientsAt = 1 + 32 + (8 + m.senderDevice.size()) + (8 + m.senderName.size()) +
                                         (8 + m.senderRole.size()) + (8 + m.senderOrganisation.size());

        struct Case {
            const char* what;
            std::vector<std::uint8_t> body;
            const char* message;
        };
        std::vector<Case> cases;
        {
            auto f = good;
            setU64(f, deviceLenAt, std::uint64_t{1} << 62); // a 4 EiB string
            cases.push_back({"huge string length", bodyFromFrames({manifest, f}),
                             "change 1 is cut short or over its limits"});
        }
        {
            auto f = good;
            setU64(f, 1, std::uint64_t{1} << 40); // a trillion changes in one frame
            cases.push_back({"huge change count in a frame", bodyFromFrames({manifest, f}), "change count"});
        }
        {
            auto f = manifest;
            setU64(f, recipientsAt, std::uint64_t{1} << 50);
            cases.push_back({"huge recipient count", bodyFromFrames({f, good}), "(manifest)"});
        }
        {
            Manifest withOne = m;
            Attachment a{"summary.pdf", "application/pdf", "", {'%', 'P', 'D', 'F'}};
            auto f = attachmentFrameForTest(a);
            setU64(f, f.size() - 4 - 8, std::uint64_t{1} << 40); // a 1 TiB file
            cases.push_back({"huge attachment length",
                             bodyFromFrames({manifestFrameForTest(withOne, 1), good, f}),
                             "attachment 1 is cut short or over its limits"});
        }
        {
            auto b = bodyFromFrames({manifest, good});
            b[8] = b[9] = b[10] = b[11] = 0xff; // the manifest frame's length: 4 GiB
            cases.push_back({"huge frame length", b, "(manifest)"});
        }
        {
            auto b = bodyFromFrames({manifest, good});
            const std::size_t changesAt = 8 + 4 + manifest.size();
            b[changesAt] = 0x00;
            b[changesAt + 1] = 0x00;
            b[changesAt + 2] = 0x0f; // 1 MiB: under the frame cap, far more than the body holds
            cases.push_back({"frame longer than the body", b, "change 1 is cut short"});
        }
        {
            auto b = bodyFromFrames({manifest, good});
            b.resize(b.size() - 20); // the body ends inside the last frame
            cases.push_back({"truncated body", b, "change 1 is cut short"});
        }
        {
            auto f = good;
            f[0] = 0; // big-endian: sizes would be read byte-swapped
            cases.push_back({"other byte order", bodyFromFrames({manifest, f}), "change count"});
        }
        {
            auto f = good;
            f.push_back(0);
            cases.push_back(
                {"bytes after the changes in a frame", bodyFromFrames({manifest, f}), "data after change 2"});
        }
        {
            Manifest three = m;
            three.changeCount = 3;
            auto f = good;
            setU64(f, 1, 3); // three changes declared (here and in the manifest), two present
            cases.push_back({"count beyond the frame", bodyFromFrames({manifestFrameForTest(three, 0), f}),
                             "change 3 is cut short"});
        }
        {
            LargestAllocation probe; // the probe sees a large allocation
            std::vector<char> big(std::size_t{3} << 20);
            CHECK(probe.bytes() >= big.size());
        }
        for (const auto& c : cases) {
            INFO(c.what);
            LargestAllocation largest;
            const auto viaParse = parseBody(c.body.data(), c.body.size());
            const auto viaRead = readAs(craftBundle(alice, {&bob}, id, Craft{c.body}), bob, {&alice});
            CHECK(largest.bytes() < (std::size_t{2} << 20));
            REQUIRE_FALSE(viaParse.ok());
            CHECK(viaParse.error().reason == ErrorReason::BundleBody);
            CHECK(viaParse.error().message.find(c.message) != std::string::npos);
            CHECK(keyOf(viaRead) == "body");
            CHECK(viaRead.error().message.find(c.message) != std::string::npos);
        }
    }

    TEST_CASE("a file that changes between the check and the decoding is refused, not half-trusted") {
        // The reader checks every chunk and the signature first, then decrypts again to decode: bytes that
        // change in between (another process rewriting the file) must fail the second pass too.
        struct Shifty final : BundleInput {
            const std::vector<std::uint8_t>& bytes;
            std::size_t flipAt;
            mutable std::map<std::uint64_t, int> reads;
            Shifty(const std::vector<std::uint8_t>& b, std::size_t at) : bytes(b), flipAt(at) {}
            std::uint64_t size() const override { return bytes.size(); }
            bool readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const override {
                if (offset + n > bytes.size()) return false;
                std::copy(bytes.begin() + static_cast<long>(offset),
                          bytes.begin() + static_cast<long>(offset + n), out);
                if (++reads[offset] == 2 && flipAt >= offset && flipAt < offset + n)
                    out[flipAt - offset] ^= 1;
                return true;
            }
        };
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        auto changes = sampleChanges(300);
        for (auto& c : changes)
            c.value = std::string(500, 'z') + c.value;
        const auto file = writeBundle({}, changes, alice.sender(), {bob.pub}, false).value();
        REQUIRE(file.size() > kHeader1 + 2 * kChunk);
        const auto check = [&](const Shifty& in) {
            return readBundle(in, bob.pub.boxKey, bob.boxSecret, bob.pub.fingerprint(),
                              [&](const Key32&) -> Result<Key32> { return alice.pub.fingerprint(); });
        };
        REQUIRE(check(Shifty(file, file.size())).ok()); // nothing changes: read twice, accepted
        for (std::size_t at : {kHeader1 + 100, kHeader1 + kChunk + 5, file.size() - 3}) {
            auto r = check(Shifty(file, at));
            INFO("byte " << at);
            CHECK(keyOf(r) == "damaged");
        }
    }

    TEST_CASE("a stanza built on a low-order X25519 key opens for nobody") {
        TestIdentity alice("Ada Quillfeather"), bob("Sol Brannigan");
        auto file = writeBundle({}, sampleChanges(2), alice.sender(), {bob.pub}).value();
        // Replace the stanza's ephemeral public key with the all-zero (low-order) point.
        std::fill(file.begin() + 29, file.begin() + 29 + 32, 0);
        CHECK(keyOf(readAs(file, bob, {&alice})) == "recipient");
    }

} // TEST_SUITE
