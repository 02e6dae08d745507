// The unlocked session: the vault and the features that show and change what is in it.
#include "app/session.hpp"

namespace throughline::app {

Session::Session(std::unique_ptr<core::Vault> vault, Host& host)
    : m_vault(std::move(vault)), m_host(host), records(*this), network(*this), handover(*this),
      settings(*this), subjectAccess(*this),
      sync(*this), m_features{&sync, &records, &network, &handover, &settings, &subjectAccess} {}

Session::~Session() {
    // A running folder sync stops at its next safe point and is joined before the keys go; then the vault
    // is locked, and the features wipe what is sensitive as they are destroyed (sync first, the vault last).
    sync.folderSync().cancel();
    sync.folderSync().wait();
    if (m_vault) m_vault->lock();
}

void Session::refresh() {
    for (Feature* f : m_features) // sync first: where records came from depends on the contacts
        f->refresh();
}

Feature* Session::featureFor(Screen s) {
    for (Feature* f : m_features)
        if (f->owns(s)) return f;
    return nullptr;
}

bool Session::ready(Screen s) {
    Feature* f = featureFor(s);
    return !f || f->ready(s);
}

void Session::show(Screen s, bool wide) {
    if (Feature* f = featureFor(s)) f->show(s, wide);
}

void Session::keepDrafts(bool force) {
    for (Feature* f : m_features)
        f->keepDrafts(force);
}

void Session::left(Screen s) {
    if (Feature* f = featureFor(s)) f->left(s);
}

} // namespace throughline::app
