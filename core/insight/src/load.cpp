// The one place the insight module reads the vault: a young person's records and the clock.
#include "throughline/base/time.hpp"
#include "throughline/insight/insight.hpp"
#include "throughline/records/store.hpp"

namespace throughline::core {

Result<InsightInput> loadInsightInput(Store& store, const std::string& youngPersonId) {
    auto records = store.recordsOf(youngPersonId);
    if (!records) return records.error();
    InsightInput in;
    static_cast<YoungPersonRecords&>(in) = std::move(records.value());
    in.today = store.today();
    in.nowMs = nowMillis();
    return in;
}

} // namespace throughline::core
