#pragma once
// The network around one young person: a map (tracks × places, line style by view, weight by contact),
// the relational timeline, and a list by track with how recently each relationship was used.
#include "throughline/insight/insight.hpp"
#include "throughline/insight/network_map.hpp"
#include "throughline/records/store.hpp"
#include "throughline/insight/timeline.hpp"

#include <map>
#include <string>
#include <vector>

namespace throughline::app {

struct NetworkState {
    int track = -1;       // -1 = all tracks (list)
    bool list = false;    // false: the map
    std::string selected; // person tapped on the map
};

struct NetworkView {
    const std::vector<core::MemberContact>* members = nullptr;
    core::Date today;
    std::string youngPersonName;
    const core::NetworkMap* map = nullptr; // null until the picture is computed
    const core::Timeline* timeline = nullptr;
    const std::vector<core::MemberInsight>* insights = nullptr;
    const std::vector<core::ContactRecord>* selectedContacts = nullptr; // latest contacts with `selected`
    std::string periodText;                                             // "Since Mon 24 Aug 2026"
    /// Member id → "Recorded by …, Org — received from Name's vault", for people added in a colleague's
    /// vault.
    const std::map<std::string, std::string>* origins = nullptr;
};

struct NetworkIntent {
    enum class Kind { None, Open, Add, ChooseYoungPerson, Select, RecordWith, OpenContact };
    Kind kind = Kind::None;
    std::string id;
};

NetworkIntent drawNetwork(NetworkState& state, const NetworkView& view);

} // namespace throughline::app
