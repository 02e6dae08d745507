#include "app/folder_sync_worker.hpp"

namespace throughline::app {

bool FolderSyncWorker::start(std::function<Outcome(const core::sync::SyncControl&)> work, bool onUnlock) {
    if (active()) return false;
    wait(); // a finished thread whose result was taken: nothing to wait for
    m_done.store(false, std::memory_order_relaxed);
    m_cancel.store(false, std::memory_order_relaxed);
    m_stage.store(static_cast<int>(core::sync::SyncProgress::Stage::Checking), std::memory_order_relaxed);
    m_step.store(0, std::memory_order_relaxed);
    m_steps.store(0, std::memory_order_relaxed);
    m_bytesDone.store(0, std::memory_order_relaxed);
    m_bytesTotal.store(0, std::memory_order_relaxed);
    m_result.reset();
    m_onUnlock = onUnlock;
    m_active = true;
    m_thread = std::thread([this, work = std::move(work)] {
        core::sync::SyncControl control;
        control.cancel = &m_cancel;
        control.progress = [this](const core::sync::SyncProgress& p) {
            m_stage.store(static_cast<int>(p.stage), std::memory_order_relaxed);
            m_step.store(p.step, std::memory_order_relaxed);
            m_steps.store(p.steps, std::memory_order_relaxed);
            m_bytesDone.store(p.bytesDone, std::memory_order_relaxed);
            m_bytesTotal.store(p.bytesTotal, std::memory_order_relaxed);
        };
        Outcome outcome = [&]() -> Outcome {
            try {
                return work(control);
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

FolderSyncWorker::Progress FolderSyncWorker::progress() const {
    Progress p;
    p.stage = static_cast<core::sync::SyncProgress::Stage>(m_stage.load(std::memory_order_relaxed));
    p.step = m_step.load(std::memory_order_relaxed);
    p.steps = m_steps.load(std::memory_order_relaxed);
    p.bytesDone = m_bytesDone.load(std::memory_order_relaxed);
    p.bytesTotal = m_bytesTotal.load(std::memory_order_relaxed);
    return p;
}

void FolderSyncWorker::wait() {
    if (m_thread.joinable()) m_thread.join();
}

} // namespace throughline::app
