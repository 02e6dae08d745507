#pragma once
// The settings feature: your details, auto-lock, theme, UI scale, changing the passphrase, locking, and the
// way into sharing and sync.
#include "app/features/feature.hpp"
#include "app/screens/settings_screen.hpp"

namespace throughline::app {

class SettingsFeature final : public Feature {
  public:
    explicit SettingsFeature(Session& session) : m_s(session) {}
    ~SettingsFeature() override { state.wipe(); }

    bool owns(Screen s) const override { return s == Screen::Settings; }
    void refresh() override;
    void show(Screen s, bool wide) override;

    SettingsState state;

  private:
    void apply(const SettingsIntent& i);

    Session& m_s;
};

} // namespace throughline::app
