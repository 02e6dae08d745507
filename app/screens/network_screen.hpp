#pragma once
// The network around one young person, by track, with place, views and how recently each was used.
#include <throughline/store.hpp>

#include <string>
#include <vector>

namespace throughline::app {

struct NetworkState {
    int track = -1; // -1 = all tracks
};

struct NetworkView {
    const std::vector<core::MemberContact>* members = nullptr;
    core::Date today;
    std::string youngPersonName;
};

struct NetworkIntent {
    enum class Kind { None, Open, Add, ChooseYoungPerson };
    Kind kind = Kind::None;
    std::string id;
};

NetworkIntent drawNetwork(NetworkState& state, const NetworkView& view);

} // namespace throughline::app
