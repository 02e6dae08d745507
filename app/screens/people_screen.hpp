#pragma once
// The young people list: search by name, quick filters, an offer to resume an unfinished record.
#include "throughline/records/store.hpp"

#include <string>
#include <vector>

namespace throughline::app {

enum class PeopleFilter { All, ContactOverdue, OpenActions };

struct PeopleState {
    std::string search;
    PeopleFilter filter = PeopleFilter::All;
};

struct PeopleView {
    const std::vector<core::YoungPersonListItem>* people = nullptr;
    core::Date today;
    std::string selectedId; // highlighted in the two-pane layout
    std::string draftOffer; // "Record for Jo, started Tue 3 Mar" when a draft waits; empty otherwise
    bool pane = false;      // drawn as the left pane of the wide layout
    std::string ownerName;
};

struct PeopleIntent {
    enum class Kind { None, Open, Add, SearchChanged, ResumeDraft, DiscardDraft };
    Kind kind = Kind::None;
    std::string id;
};

PeopleIntent drawPeople(PeopleState& state, const PeopleView& view);

} // namespace throughline::app
