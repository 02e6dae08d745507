#pragma once
// Everything that exists only while the vault is unlocked: the vault itself, everything loaded from it and
// every screen's state that holds what was read from it, in features. Locking is `session.reset()`: nothing
// read from the vault can be left behind in a field someone forgot to clear.
#include "app/features/feature.hpp"
#include "app/features/handover.hpp"
#include "app/features/network.hpp"
#include "app/features/records.hpp"
#include "app/features/settings.hpp"
#include "app/features/subject_access.hpp"
#include "app/features/sync.hpp"

#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace throughline::app {

class Session {
  public:
    Session(std::unique_ptr<core::Vault> vault, Host& host);
    /// Locks the vault (its keys are wiped) after the features have wiped what they hold.
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    core::Vault& vault() { return *m_vault; }
    core::Store& store() { return m_vault->store(); }
    Host& host() { return m_host; }

    /// The one change counter: every write moves it; each data set remembers the value it was loaded at
    /// and is loaded again when it moved.
    std::uint64_t changes() const { return m_changes; }
    void changed() { ++m_changes; }

    /// Every feature reloads what moved (sync first: where records came from depends on the contacts).
    void refresh();
    /// The feature that draws `s`, if any.
    Feature* featureFor(Screen s);
    bool ready(Screen s);
    void show(Screen s, bool wide);
    void left(Screen s);
    /// Every feature keeps its editors' drafts (Feature::keepDrafts).
    void keepDrafts(bool force);

    /// A load that failed, shown as a banner over the data screens until dismissed.
    std::string loadError;

  private:
    std::unique_ptr<core::Vault> m_vault; // first: outlives everything loaded from it
    Host& m_host;
    std::uint64_t m_changes = 1;

  public:
    RecordsFeature records;
    NetworkFeature network;
    HandoverFeature handover;
    SettingsFeature settings;
    SubjectAccessFeature subjectAccess;
    SyncFeature sync; // last: its folder sync thread is joined before anything else goes

  private:
    std::array<Feature*, 6> m_features;
};

} // namespace throughline::app
