#pragma once
// What the sync tests compare between vaults, and the hash that hostile imports must leave unchanged:
// every record row (without local timestamps), open conflicts, and everything an import could change.
#include <sodium.h>

#include <string>
#include <vector>

#include "throughline/base/text.hpp"
#include "throughline/db/database.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/vault/vault.hpp"

namespace synctest {

using throughline::core::Vault;

inline const char* kRecordTables[] = {"young_person", "placement", "network_member",
                                      "contact",      "action",    "missing_episode"};

// Every record row (without the local timestamps), optionally without the confidential location (address,
// carer or home name, provider: sent only on purpose).
inline std::string dumpRecords(Vault& v, bool withLocation = true) {
    std::string out;
    for (const char* t : kRecordTables) {
        std::vector<std::string> cols;
        {
            auto s = v.database().prepare(std::string("PRAGMA table_info(") + t + ")");
            while (s.step()) {
                const std::string c = s.text(1);
                if (c == "created_at" || c == "updated_at") continue;
                if (!withLocation && (c == "location_address" || c == "location_name" || c == "provider"))
                    continue;
                cols.push_back(c);
            }
        }
        std::string expr;
        for (const auto& c : cols)
            expr += (expr.empty() ? "quote(" : " || '|' || quote(") + c + ")";
        auto s = v.database().prepare("SELECT " + expr + " FROM " + t + " ORDER BY id");
        out += std::string("## ") + t + "\n";
        while (s.step())
            out += s.text(0) + "\n";
    }
    return out;
}

inline std::string dumpConflicts(Vault& v) {
    std::string out;
    auto s = v.database().prepare(
        "SELECT record_id || field || a_hlc || a_device || a_value || b_hlc || b_device || "
        "b_value || against_delete FROM sync_conflict WHERE settled = 0 ORDER BY 1");
    while (s.step())
        out += s.text(0) + "\n";
    return out;
}

// Hash of everything an import could change: records, change log, sync bookkeeping, audit trail.
inline std::string vaultHash(Vault& v) {
    std::string all = dumpRecords(v);
    for (const char* t : {"changes", "sync_contact", "sync_scope", "sync_peer", "sync_bundle",
                          "sync_conflict", "audit", "contact_participant"}) {
        std::string expr;
        auto info = v.database().prepare(std::string("PRAGMA table_info(") + t + ")");
        while (info.step())
            expr += (expr.empty() ? "quote(" : " || '|' || quote(") + info.text(1) + ")";
        auto s = v.database().prepare("SELECT " + expr + " FROM " + t + " ORDER BY 1");
        while (s.step())
            all += s.text(0) + "\n";
    }
    std::uint8_t h[32];
    crypto_generichash(h, 32, reinterpret_cast<const unsigned char*>(all.data()), all.size(), nullptr, 0);
    return throughline::core::toHex(h, 32);
}

} // namespace synctest
