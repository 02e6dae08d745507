// The settings feature.
#include "app/features/settings.hpp"

#include "app/session.hpp"

#include <algorithm>

namespace throughline::app {

void SettingsFeature::refresh() {
    if (state.ownerLoaded) return;
    // Your details as stored, into the form once (they are edited there until saved).
    const core::Owner& o = m_s.vault().owner();
    state.ownerLoaded = true;
    state.ownerName = o.name;
    state.ownerRole = o.role;
    state.ownerOrganisation = o.organisation;
}

void SettingsFeature::show(Screen, bool) {
    const Host& host = m_s.host();
    const core::Owner& o = m_s.vault().owner();
    SettingsView v;
    v.autoLockMinutes = host.autoLockMinutes();
    v.screenLockHeard = host.options().screenLockHeard;
    v.theme = host.theme();
    v.scalePercent = host.scalePercent();
    v.vaultPath = host.options().vaultDir.string();
    v.ownerName = o.name;
    v.minPassphraseLength = core::Vault::minPassphraseLength;
    v.savedOwnerName = o.name;
    v.savedOwnerRole = o.role;
    v.savedOwnerOrganisation = o.organisation;
    v.contacts = m_s.sync.contactCount();
    v.conflicts = m_s.sync.conflictCount();
    apply(drawSettings(state, v));
}

void SettingsFeature::apply(const SettingsIntent& i) {
    using K = SettingsIntent::Kind;
    Host& host = m_s.host();
    switch (i.kind) {
    case K::SetAutoLock: {
        auto st = m_s.store().setSetting(kAutoLockSetting, std::to_string(i.value));
        if (st)
            host.setAutoLockMinutes(i.value);
        else
            state.error = friendlyError(st.error());
        break;
    }
    case K::SetTheme:
        host.setTheme(i.value == 2   ? ThemeKind::HighContrast
                      : i.value == 1 ? ThemeKind::Dark
                                     : ThemeKind::Light);
        break;
    case K::SetScale:
        host.setScalePercent(i.value);
        break;
    case K::ChangePassphrase: {
        state.error.clear();
        state.message.clear();
        host.schedule([this] {
            auto st = m_s.vault().changePassphrase(state.currentPassphrase, state.newPassphrase);
            state.currentPassphrase.wipe();
            state.newPassphrase.wipe();
            state.confirm.wipe();
            m_s.host().wipeTextInput();
            if (st)
                state.message = "Passphrase changed. Use the new one next time.";
            else
                state.error = friendlyError(st.error());
        });
        break;
    }
    case K::Lock:
        host.requestLock("Locked.");
        break;
    case K::SaveOwner: {
        state.ownerError.clear();
        state.ownerMessage.clear();
        core::Owner o;
        o.name = state.ownerName;
        o.role = state.ownerRole;
        o.organisation = state.ownerOrganisation;
        auto st = m_s.vault().setOwner(o);
        if (st) {
            state.ownerMessage = "Saved. New records and your contact card carry these details.";
            m_s.changed(); // the card and identity show the new details
        } else {
            state.ownerError = friendlyError(st.error());
        }
        break;
    }
    case K::OpenSync:
        m_s.sync.openSync();
        break;
    case K::OpenConflicts:
        m_s.sync.openConflicts();
        break;
    default:
        break;
    }
}

} // namespace throughline::app
