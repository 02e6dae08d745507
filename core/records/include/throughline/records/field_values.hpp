#pragma once
// A record's stored fields as canonical text, by field name (the values the change log holds). What an
// editor's draft keeps in the vault, so that a draft restores exactly what the form held.
#include "throughline/records/records.hpp"

#include <map>
#include <string>

namespace throughline::core {

/// Every stored field of `r` (not its meta) as canonical text.
template <class R> std::map<std::string, std::string> fieldValues(const R& r);
/// Sets the fields named in `values` on `r`; other fields and unknown names are left as they are, an
/// unreadable value sets its field's default.
template <class R> void setFieldValues(R& r, const std::map<std::string, std::string>& values);

} // namespace throughline::core
