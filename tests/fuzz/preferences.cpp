// libFuzzer target "preferences": the app's small JSON and key=value readers. The first byte picks: 0 the
// interface preferences (`preferences.json`, a file in the user's configuration folder that a person may
// edit), 1 the `ui.conf` of earlier versions, 2 a record draft (cereal JSON or the earlier key=value lines;
// kept inside the encrypted vault, so not outside bytes, fuzzed because it is the same reader). Whatever
// reads must be in range, and must read back the same from its own written form.
// Built and run by tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/forms.hpp"
#include "app/preferences.hpp"

using namespace throughline::app;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
void checkPreferences(const Preferences& p) {
    require(p.scalePercent >= 100 && p.scalePercent <= 200);
    require(p.theme == ThemeKind::Light || p.theme == ThemeKind::Dark);
    require(preferencesFromJson(preferencesToJson(p)) == p);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 3) {
    case 0:
        checkPreferences(preferencesFromJson(text));
        break;
    case 1:
        checkPreferences(preferencesFromLegacy(text));
        break;
    case 2:
        if (auto fields = decodeDraft(text)) {
            const auto again = decodeDraft(encodeDraft(*fields));
            require(again && *again == *fields);
        }
        break;
    }
    return 0;
}
