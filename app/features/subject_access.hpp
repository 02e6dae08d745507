#pragma once
// The subject access feature: the "Export everything held" screen of one young person — what to withhold,
// the folder (through the in-app chooser), and the export itself (core::exportSubjectAccess, audited). What
// is typed on it (who the copy is for, the reason) keeps a draft like every editor's (app/editor_draft.hpp).
#include "app/editor_draft.hpp"
#include "app/features/feature.hpp"
#include "app/screens/subject_access_screen.hpp"

#include <filesystem>
#include <string>

namespace throughline::app {

class SubjectAccessFeature final : public Feature {
  public:
    explicit SubjectAccessFeature(Session& session) : m_s(session) {}

    bool owns(Screen s) const override { return s == Screen::SubjectAccess; }
    bool ready(Screen) const override { return !state.youngPersonId.empty(); }
    void show(Screen s, bool wide) override;
    /// Leaving the screen (Back, Esc) lets go of the names and labels it holds, and of its draft.
    void left(Screen s) override;
    void keepDrafts(bool force) override;

    /// Opens the screen for a young person: their network and records, nothing withheld.
    void open(const std::string& youngPersonId);
    /// The folder chosen in the file chooser.
    void folderChosen(const std::filesystem::path& folder);

    SubjectAccessState state;
    EditorDraft draft; // under "editor.subject-access.<young person id>"

  private:
    void apply(const SubjectAccessIntent& i);
    Session& m_s;
};

} // namespace throughline::app
