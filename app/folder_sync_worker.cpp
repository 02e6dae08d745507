#include "app/folder_sync_worker.hpp"

namespace throughline::app {

bool FolderSyncWorker::start(std::function<Outcome()> work, bool onUnlock) {
    if (active()) return false;
    wait(); // a finished thread whose result was taken: nothing to wait for
    m_done.store(false, std::memory_order_relaxed);
    m_result.reset();
    m_onUnlock = onUnlock;
    m_active = true;
    m_thread = std::thread([this, work = std::move(work)] {
        Outcome outcome = [&]() -> Outcome {
            try {
                return work();
            } catch (const std::exception& e) {
                // Core reports expected failures as values; anything else must not take the app down.
                return core::makeError(core::ErrorCode::Internal,
                                       std::string("Folder sync failed: ") + e.what());
            }
        }();
        m_result.emplace(std::move(outcome));
        m_done.store(true, std::memory_order_release);
    });
    return true;
}

std::optional<FolderSyncWorker::Outcome> FolderSyncWorker::take() {
    if (!m_active || !m_done.load(std::memory_order_acquire)) return std::nullopt;
    wait();
    m_active = false;
    std::optional<Outcome> out = std::move(m_result);
    m_result.reset();
    return out;
}

void FolderSyncWorker::wait() {
    if (m_thread.joinable()) m_thread.join();
}

} // namespace throughline::app
