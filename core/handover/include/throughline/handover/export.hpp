#pragma once
// The handover export: the one step that reads the vault for a summary and audits what leaves it.
#include "throughline/handover/handover.hpp"

namespace throughline::core {

class Vault;

/// What the caller asks of buildHandover().
struct HandoverRequest {
    std::string youngPersonId;
    std::optional<Date> from, to;
    HandoverFormat format = HandoverFormat::Pdf;
    RedactionOptions redaction;
    Date today;
};

/// A rendered summary ready to write.
struct HandoverExport {
    std::string bytes;
    HandoverPeriod period;
    bool locationIncluded = false;
};

/// Loads everything a summary of `request.youngPersonId` needs from the vault (no rendering, no audit): for
/// on-screen use such as presentation mode, which shows only a redacted summary on the device.
Result<HandoverInput> loadHandoverInput(Vault& vault, const HandoverRequest& request);

/// Loads the young person's records from the vault, builds, redacts and renders the summary, and writes
/// an Export entry to the audit trail naming the recipient and whether the location was included. The
/// audit entry is written before the bytes are handed back: no audit entry, no export.
Result<HandoverExport> buildHandover(Vault& vault, const HandoverRequest& request);

/// Audit detail text of a handover export (parsed back to find the last handover to a recipient).
std::string handoverAuditDetail(std::string_view recipient, HandoverFormat format,
                                const HandoverPeriod& period, bool locationIncluded);

} // namespace throughline::core
