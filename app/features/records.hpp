#pragma once
// The records feature: the young people list, a young person's home (placement, network, records, gaps),
// recording a contact (with its draft), a contact's detail, and the person, placement, missing-episode and
// safety-plan editors. Owns the relational picture of the selected young person that other screens show.
#include "app/editor_draft.hpp"
#include "app/features/feature.hpp"
#include "app/screens/contact_detail_screen.hpp"
#include "app/screens/home_screen.hpp"
#include "app/screens/missing_episode_screen.hpp"
#include "app/screens/people_screen.hpp"
#include "app/screens/person_editor_screen.hpp"
#include "app/screens/placement_editor_screen.hpp"
#include "app/screens/record_screen.hpp"
#include "app/screens/safety_plan_screen.hpp"

#include "throughline/insight/insight.hpp"
#include "throughline/insight/network_map.hpp"
#include "throughline/insight/timeline.hpp"
#include "throughline/records/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace throughline::app {

class RecordsFeature final : public Feature {
  public:
    explicit RecordsFeature(Session& session) : m_s(session) {}
    ~RecordsFeature() override { wipe(); }

    bool owns(Screen s) const override;
    bool ready(Screen s) const override;
    void refresh() override;
    void show(Screen s, bool wide) override;
    void left(Screen s) override;
    /// The record-a-contact draft and every open editor's draft.
    void keepDrafts(bool force) override;

    /// The young people list (the left pane when wide, the People screen when narrow).
    void showPeoplePane(bool pane);
    /// A list of young people to pick from (Record and Network before one is chosen); the one picked.
    std::optional<std::string> drawChooser(const char* title, const char* subtitle);

    void selectYoungPerson(const std::string& id);
    const std::string& selectedYoungPerson() const { return m_selectedYp; }
    /// Opens the record screen for a new contact (or the one being written) with this young person.
    void startRecord(const std::string& youngPersonId);
    void openContact(const std::string& id);
    void openPlacement(bool createNew);
    void openMissing(const std::string& id);
    void openPerson(bool createNew);
    void openSafetyPlan();
    /// Offers the draft kept in the vault (called on unlock).
    void loadDraftOffer();
    void saveDraftNow();
    void maybeSaveDraft();
    /// Overwrites what is sensitive before it is let go (a revealed location, a plan, a record being typed).
    void wipe();

    const core::SafetyPlan* currentPlan() const {
        return insightInput && insightInput->safetyPlan ? &*insightInput->safetyPlan : nullptr;
    }

    // Loaded data (read by the other features).
    std::vector<core::YoungPersonListItem> people;   // the People screen's list, filtered by its search
    std::vector<core::YoungPersonListItem> everyone; // every young person: what "Who is this for?" offers
    std::optional<core::HomeData> home;
    // The relational picture of the selected young person, computed when their records change.
    std::optional<core::InsightInput> insightInput;
    std::optional<core::Insight> insight;
    core::NetworkMap map;
    core::Timeline timeline;
    std::vector<GapCard> gapCards; // the Gaps card on the home screen

    // Screen states.
    PeopleState peopleState;
    HomeState homeState;
    RecordState record;
    ContactDetailState contactState;
    PlacementEditorState placement;
    MissingEpisodeState missing;
    PersonEditorState person;
    SafetyPlanState safetyPlan;
    std::optional<RecordForm> draftOffer;
    // The editors' drafts (app/editor_draft.hpp).
    EditorDraft personDraft, placementDraft, missingDraft, planDraft;

  private:
    void apply(const PeopleIntent& i);
    void apply(const HomeIntent& i);
    void apply(const RecordIntent& i);
    void apply(const ContactDetailIntent& i);
    void apply(const PlacementEditorIntent& i);
    void apply(const MissingEpisodeIntent& i);
    void apply(const PersonEditorIntent& i);
    void apply(const SafetyPlanIntent& i);
    void computePicture();
    EditorDraft* draftOf(Screen s);
    void toggleAction(const std::string& id);
    void saveRecord();
    void finishRecord(const char* toast);
    core::Store& store();
    Host& host();

    Session& m_s;
    std::string m_selectedYp;
    LoadedAt m_peopleAt, m_everyoneAt, m_homeAt, m_recordPeopleAt, m_contactAt;
    RecordView m_recordView;
    std::string m_contactId;
    std::optional<core::ContactRecord> m_contact;
    std::vector<core::FollowUpAction> m_contactActions;
    std::string m_contactOrigin; // of the record on the contact detail screen
    bool m_draftDirty = false;
    double m_lastDraftSave = -1e9;
};

} // namespace throughline::app
