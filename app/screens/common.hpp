#pragma once
// Pieces shared by several screens: date/time fields, track colours, the brand mark.
#include "app/widgets.hpp"

#include "throughline/records/enums.hpp"
#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"

#include <map>
#include <string>

namespace throughline::app {

/// Days without a contact after which a young person counts as "contact overdue".
constexpr int kContactOverdueDays = 14;

/// A form's validation problem from core, shown next to the form (never a crash).
struct FormError {
    std::string message, field;
    void set(const core::Error& e) {
        message = e.message;
        field = e.field;
    }
    void clear() {
        message.clear();
        field.clear();
    }
    bool empty() const { return message.empty(); }
    /// Shows the message under a field when core named that field.
    void under(const char* fieldName) const {
        if (!message.empty() && field == fieldName) ui::fieldError(message);
    }
};

/// A date field: free text (UK forms accepted), the understood date shown underneath, quick chips.
bool dateField(const char* label, const char* id, std::string& text, const core::Date& today, bool optional,
               bool quickChips = true);
/// A time field ("14:05") with a "Now" shortcut.
bool timeField(const char* label, const char* id, std::string& text);

ImVec4 trackColour(core::Track track);
ui::Tone viewTone(core::View view);
/// The three-circles mark (one per relational track) with the name underneath.
void brandMark(float size);
/// Shows the form error as a banner (when it is not tied to a field that shows it).
void formBanner(const FormError& error);

/// What an editor's form holds, by field name: what its draft keeps (app/editor_draft.hpp). Record fields go
/// by their stored names, the texts typed into date and time fields by names starting with "_".
using DraftFields = std::map<std::string, std::string>;
/// The value kept for `name`, or "" when there is none.
std::string draftValue(const DraftFields& f, const char* name);

/// The person's answer to an editor's offered draft.
enum class DraftChoice { None, Continue, Discard };
/// Above an editor: "You have an unsaved draft from …" with Continue and Discard.
DraftChoice drawDraftOffer(const std::string& savedFrom);

} // namespace throughline::app
