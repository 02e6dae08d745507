// The screens before unlocking: create a vault, unlock it, or open it with the recovery key.
#include "app/app.hpp"

namespace throughline::app {

void App::apply(const CreateVaultIntent& i) {
    using K = CreateVaultIntent::Kind;
    if (i.kind == K::Create) {
        m_create.busy = true;
        m_create.error.clear();
        schedule([this] {
            core::CreateOptions opts;
            if (!m_create.ownerName.empty()) opts.owner.name = m_create.ownerName;
            opts.kdf = m_options.kdf;
            auto r = core::Vault::create(m_options.vaultDir, m_create.passphrase, opts);
            m_create.passphrase.wipe();
            m_create.confirm.wipe();
            wipeImGuiTextState();
            m_create.busy = false;
            if (!r) {
                m_create.error = friendlyError(r.error());
                return;
            }
            m_created = std::move(r->vault);
            m_create.recoveryKey = std::move(r->recoveryKey);
            m_create.step = CreateVaultState::Step::RecoveryKey;
        });
    } else if ((i.kind == K::Finish || i.kind == K::ImportRecords || i.kind == K::ImportCard) && m_created) {
        m_create.wipe();
        onUnlocked(std::move(m_created));
        toast("Your vault is ready");
        // The first start's offers: each opens the file chooser over the (empty) young people list.
        if (i.kind == K::ImportRecords)
            m_session->sync.openRecordsImport();
        else if (i.kind == K::ImportCard)
            m_session->sync.apply(SyncIntent{SyncIntent::Kind::ImportCard, {}, 0});
    }
}

void App::apply(const UnlockIntent& i) {
    using K = UnlockIntent::Kind;
    if (i.kind == K::Unlock && !m_unlock.busy) {
        m_unlock.busy = true;
        m_unlock.error.clear();
        schedule([this] {
            auto r = core::Vault::open(m_options.vaultDir, m_unlock.passphrase);
            m_unlock.wipe();
            wipeImGuiTextState();
            if (!r) {
                m_unlock.error = friendlyError(r.error());
                m_unlock.focusPending = true;
                return;
            }
            onUnlocked(std::move(*r));
        });
    } else if (i.kind == K::UseRecoveryKey) {
        m_unlock.wipe();
        m_recovery.wipe();
        m_recovery.error.clear();
        resetTo(Screen::Recovery);
    }
}

void App::apply(const RecoveryIntent& i) {
    using K = RecoveryIntent::Kind;
    if (i.kind == K::Cancel) {
        m_recovery.wipe();
        resetTo(Screen::Unlock);
    } else if (i.kind == K::Unlock && !m_recovery.busy) {
        m_recovery.busy = true;
        m_recovery.error.clear();
        schedule([this] {
            auto r = core::Vault::openWithRecoveryKey(m_options.vaultDir, m_recovery.recoveryKey);
            m_recovery.recoveryKey.wipe();
            wipeImGuiTextState();
            m_recovery.busy = false;
            if (!r) {
                m_recovery.error =
                    r.error().code == core::ErrorCode::WrongPassphrase
                        ? "That recovery key did not open the vault. Check each group of letters."
                        : friendlyError(r.error());
                return;
            }
            m_recovered = std::move(*r); // nothing else until a new passphrase is set
            m_recovery.step = RecoveryState::Step::NewPassphrase;
        });
    } else if (i.kind == K::SetPassphrase && m_recovered && !m_recovery.busy) {
        m_recovery.busy = true;
        m_recovery.error.clear();
        schedule([this] {
            auto st = m_recovered->changePassphrase(m_recovery.passphrase);
            m_recovery.busy = false;
            if (!st) {
                m_recovery.error = friendlyError(st.error());
                return;
            }
            m_recovery.wipe();
            wipeImGuiTextState();
            auto v = std::move(m_recovered);
            onUnlocked(std::move(v));
            toast("New passphrase saved");
        });
    }
}

} // namespace throughline::app
