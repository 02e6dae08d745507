#pragma once
// The relational picture per phase as JSON: one writer for `insight --json` and the handover summary's JSON,
// so that the two keep the same shape (docs/summary-schema.md, "The phase picture").
#include <nlohmann/json.hpp>

#include "throughline/insight/insight.hpp"

namespace throughline::core {

/// Writes `from`, `to`, `hasPlacement`, `placementStart`, `endingFrom` and `phases` into `j`, in that order.
void writePhasePictureJson(nlohmann::ordered_json& j, const PhasePicture& pic);

} // namespace throughline::core
