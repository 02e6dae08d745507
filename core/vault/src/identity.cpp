// This vault's device identity keys, kept in the meta table of the encrypted database.
#include "throughline/vault/identity.hpp"

#include <sodium.h>

#include "throughline/base/text.hpp"
#include "throughline/db/database.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::core {

namespace {

std::string metaValue(Database& db, const char* key) {
    auto s = db.prepare("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void setMeta(Database& db, const char* key, const std::string& value) {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?,?)").bind(1, key).bind(2, value).step();
}

} // namespace

void ensureIdentity(Database& db) {
    if (!metaValue(db, "sync_sign_pk").empty()) return;
    ensureSodium();
    std::uint8_t signPk[crypto_sign_PUBLICKEYBYTES], boxPk[crypto_box_PUBLICKEYBYTES];
    SecureBytes signSk(crypto_sign_SECRETKEYBYTES), boxSk(crypto_box_SECRETKEYBYTES);
    crypto_sign_keypair(signPk, signSk.data());
    crypto_box_keypair(boxPk, boxSk.data());
    Transaction tx(db);
    setMeta(db, "sync_sign_pk", toHex(signPk, sizeof signPk));
    setMeta(db, "sync_sign_sk", toHex(signSk.data(), signSk.size()));
    setMeta(db, "sync_box_pk", toHex(boxPk, sizeof boxPk));
    setMeta(db, "sync_box_sk", toHex(boxSk.data(), boxSk.size()));
    setMeta(db, "sync_sequence", "0");
    tx.commit();
}

Result<PublicIdentity> ownIdentity(Vault& vault) {
    try {
        Database& db = vault.database();
        ensureIdentity(db);
        PublicIdentity id;
        id.name = vault.owner().name;
        id.role = vault.owner().role;
        id.organisation = vault.owner().organisation;
        id.device = vault.deviceId();
        if (!fromHex(metaValue(db, "sync_sign_pk"), id.signKey.data(), 32) ||
            !fromHex(metaValue(db, "sync_box_pk"), id.boxKey.data(), 32))
            return makeError(ErrorCode::DatabaseDamaged, "The vault's sharing keys are damaged.");
        return id;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<SecretKeys> ownSecretKeys(Vault& vault) {
    try {
        Database& db = vault.database();
        ensureIdentity(db);
        SecretKeys keys{SecureBytes(crypto_sign_SECRETKEYBYTES), SecureBytes(crypto_box_SECRETKEYBYTES)};
        std::string signHex = metaValue(db, "sync_sign_sk"), boxHex = metaValue(db, "sync_box_sk");
        const bool ok = fromHex(signHex, keys.signSecret.data(), keys.signSecret.size()) &&
                        fromHex(boxHex, keys.boxSecret.data(), keys.boxSecret.size());
        wipeString(signHex);
        wipeString(boxHex);
        if (!ok) return makeError(ErrorCode::DatabaseDamaged, "The vault's sharing keys are damaged.");
        return keys;
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace throughline::core
