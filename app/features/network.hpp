#pragma once
// The network feature: the network map, timeline and list of the selected young person, and the editor of
// one person, group or place in it.
#include "app/editor_draft.hpp"
#include "app/features/feature.hpp"
#include "app/screens/member_editor_screen.hpp"
#include "app/screens/network_screen.hpp"
#include "app/screens/phase_picture_screen.hpp"

#include <map>
#include <string>
#include <vector>

namespace throughline::app {

class NetworkFeature final : public Feature {
  public:
    explicit NetworkFeature(Session& session) : m_s(session) {}

    bool owns(Screen s) const override {
        return s == Screen::Network || s == Screen::MemberEditor || s == Screen::PhasePicture;
    }
    void refresh() override;
    void show(Screen s, bool wide) override;
    void left(Screen s) override;
    void keepDrafts(bool force) override;

    void openMember(const std::string& id);
    /// A new member of the selected young person's network; `forRecord`: added to the record being written.
    void newMember(bool forRecord);
    /// Shows the latest contacts with this member under the map.
    void selectOnMap(const std::string& memberId);
    /// Another young person was selected: the map starts afresh.
    void youngPersonChanged() {
        state = {};
        phases = {};
    }
    /// The relational picture per phase of the selected young person, showing `phase` (0 before, 1 during,
    /// 2 ending; -1 the one today falls in).
    void openPhasePicture(int phase = -1);
    /// The relational picture was computed again: what was selected on the map is looked up again.
    void pictureChanged();

    NetworkState state;
    MemberEditorState member;
    EditorDraft memberDraft; // the member editor's (app/editor_draft.hpp)
    PhasePictureState phases;

  private:
    void apply(const NetworkIntent& i);
    void apply(const MemberEditorIntent& i);

    Session& m_s;
    bool m_memberForRecord = false;
    std::vector<core::ContactRecord> m_selectedContacts; // latest contacts with the person tapped on the map
    std::map<std::string, std::string> m_memberOrigins;  // network member id → where it came from
    LoadedAt m_originsAt;
};

} // namespace throughline::app
