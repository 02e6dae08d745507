// The navigator, part 2: intents of the vault screens (create, unlock, recovery, settings).
#include "app/app.hpp"

#include "app/app_internal.hpp"
#include "app/forms.hpp"
#include "app/widgets.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/records/records_json.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

namespace throughline::app {

// ---------------------------------------------------------------- intents

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
        showToast("Your vault is ready");
        // The first start's offers: each opens the file chooser over the (empty) young people list.
        if (i.kind == K::ImportRecords)
            openChooser(ChooserPurpose::ImportRecords, ChooserMode::Open, "Import a records file",
                        "Choose a records file (.json) exported from another system. It is checked in full "
                        "first: if anything is wrong, nothing is imported and every problem is listed.",
                        {".json"});
        else if (i.kind == K::ImportCard)
            apply(SyncIntent{SyncIntent::Kind::ImportCard, {}, 0});
    }
}

void App::importRecordsFile(const std::filesystem::path& path) {
    std::vector<core::RecordsProblem> problems;
    auto records = core::readRecordsFile(path, core::Date::today(), core::nowMillis(), problems);
    std::optional<core::ImportSummary> imported;
    if (problems.empty()) {
        auto r = core::importRecords(m_vault->store(), m_vault->audit(), records, path.filename().string(),
                                     problems);
        if (r)
            imported = *r;
        else if (problems.empty())
            m_chooser.error = friendlyError(r.error());
    }
    if (!problems.empty()) {
        // The first few problems, each naming the record and field; nothing was written.
        std::string text = "Nothing was imported: \xE2\x80\x98" + path.filename().string() +
                           "\xE2\x80\x99 has " + std::to_string(problems.size()) +
                           (problems.size() == 1 ? " problem" : " problems") + ".";
        for (std::size_t k = 0; k < problems.size() && k < 3; ++k)
            text += "\n" + problems[k].describe();
        if (problems.size() > 3) text += "\n\xE2\x80\xA6";
        m_chooser.error = std::move(text);
        return;
    }
    if (!imported) return;
    back();
    invalidate();
    showToast("Imported " + std::to_string(imported->total()) +
              (imported->total() == 1 ? " record" : " records"));
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
            m_vault = std::move(*r);
            m_forceNewPassphrase = true; // nothing else until a new passphrase is set
            m_recovery.step = RecoveryState::Step::NewPassphrase;
        });
    } else if (i.kind == K::SetPassphrase && m_vault && !m_recovery.busy) {
        m_recovery.busy = true;
        m_recovery.error.clear();
        schedule([this] {
            auto st = m_vault->changePassphrase(m_recovery.passphrase);
            m_recovery.busy = false;
            if (!st) {
                m_recovery.error = friendlyError(st.error());
                return;
            }
            m_recovery.wipe();
            wipeImGuiTextState();
            auto v = std::move(m_vault);
            onUnlocked(std::move(v));
            showToast("New passphrase saved");
        });
    }
}

void App::apply(const SettingsIntent& i) {
    using K = SettingsIntent::Kind;
    switch (i.kind) {
    case K::SetAutoLock: {
        auto st = store().setSetting(kAutoLockSetting, std::to_string(i.value));
        if (st)
            m_autoLockMinutes = i.value;
        else
            m_settings.error = friendlyError(st.error());
        break;
    }
    case K::SetTheme:
        m_theme = i.value ? ThemeKind::Dark : ThemeKind::Light;
        m_themeDirty = true;
        if (m_options.onPreferencesChanged) m_options.onPreferencesChanged(m_theme, m_scalePercent);
        break;
    case K::SetScale:
        m_scalePercent = std::clamp(i.value, 100, 200);
        m_fontsDirty = true;
        if (m_options.onPreferencesChanged) m_options.onPreferencesChanged(m_theme, m_scalePercent);
        break;
    case K::ChangePassphrase: {
        m_settings.error.clear();
        m_settings.message.clear();
        schedule([this] {
            auto st = m_vault->changePassphrase(m_settings.currentPassphrase, m_settings.newPassphrase);
            m_settings.currentPassphrase.wipe();
            m_settings.newPassphrase.wipe();
            m_settings.confirm.wipe();
            wipeImGuiTextState();
            if (st)
                m_settings.message = "Passphrase changed. Use the new one next time.";
            else
                m_settings.error = friendlyError(st.error());
        });
        break;
    }
    case K::Lock:
        lock("Locked.");
        break;
    case K::SaveOwner: {
        m_settings.ownerError.clear();
        m_settings.ownerMessage.clear();
        core::Owner o;
        o.name = m_settings.ownerName;
        o.role = m_settings.ownerRole;
        o.organisation = m_settings.ownerOrganisation;
        auto st = m_vault->setOwner(o);
        if (st) {
            m_settings.ownerMessage = "Saved. New records and your contact card carry these details.";
            m_syncDirty = true;
        } else {
            m_settings.ownerError = friendlyError(st.error());
        }
        break;
    }
    case K::OpenSync:
        openSync();
        break;
    case K::OpenConflicts:
        openConflicts();
        break;
    default:
        break;
    }
}

} // namespace throughline::app
