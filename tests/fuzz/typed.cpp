// libFuzzer target "typed": dates, times and keys typed by a person. The first byte picks the parser, the
// rest is the text: 0 Date::parseIso (records files, --from/--to and other CLI dates), 1 TimeOfDay::parse,
// 2 parseIsoInstant, 3 parseRecoveryKey (the recovery screen and `unlock --recovery-key`), 4 the app's
// parseUserDate ("Tue 3 Mar 2026", "3/3/26", "today"), 5 its parseUserTime ("9.30", "1405"). What parses
// must be in range and must read back the same from its own written form.
// Built and run by tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/forms.hpp"
#include "throughline/base/time.hpp"
#include "throughline/vault/key_header.hpp"

using namespace throughline::core;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
void checkDate(const Date& d) {
    require(d.valid());
    require(Date::fromDays(d.toDays()) == d);
    const auto again = Date::parseIso(d.iso());
    require(again && *again == d);
    (void)d.display();
}
void checkTime(const TimeOfDay& t) {
    require(t.minutes >= 0 && t.minutes < 24 * 60);
    const auto again = TimeOfDay::parse(t.hhmm());
    require(again && *again == t);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    static const Date today{2026, 3, 3};
    switch (data[0] % 6) {
    case 0:
        if (auto d = Date::parseIso(text); d && d->valid()) checkDate(*d);
        break;
    case 1:
        if (auto t = TimeOfDay::parse(text)) checkTime(*t);
        break;
    case 2:
        if (auto ms = parseIsoInstant(text)) {
            const auto again = parseIsoInstant(isoInstant(*ms));
            require(again && *again == *ms);
            (void)dateOfInstant(*ms);
        }
        break;
    case 3:
        if (auto key = parseRecoveryKey(text)) {
            require(key->size() == 20);
            auto again = parseRecoveryKey(formatRecoveryKey(*key));
            require(again && again->size() == 20 && std::equal(key->data(), key->data() + 20, again->data()));
        }
        break;
    case 4:
        if (auto d = throughline::app::parseUserDate(text, today)) checkDate(*d);
        break;
    case 5:
        if (auto t = throughline::app::parseUserTime(text)) checkTime(*t);
        break;
    }
    return 0;
}
