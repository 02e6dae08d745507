#pragma once
// Folder sync off the interface thread: reading, checking and merging a large inbox takes seconds, and the
// app must keep drawing meanwhile. Threading contract (core's): while the worker runs, nothing else uses
// the vault — the navigator draws the screens disabled, loads nothing, saves no draft, and the (auto-)lock
// waits until the result is in before it wipes the keys.
#include <throughline/result.hpp>
#include <throughline/sync/exchange.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <thread>

namespace throughline::app {

/// Owns at most one running folder sync and its result. Joins in its destructor.
class FolderSyncWorker {
  public:
    using Outcome = core::Result<core::sync::FolderSyncReport>;
    FolderSyncWorker() = default;
    ~FolderSyncWorker() { wait(); }
    FolderSyncWorker(const FolderSyncWorker&) = delete;
    FolderSyncWorker& operator=(const FolderSyncWorker&) = delete;

    /// Runs `work` on a thread of its own; false (and nothing started) while one is still running or its
    /// result has not been taken.
    bool start(std::function<Outcome()> work, bool onUnlock);
    /// True from start() until the result has been taken.
    bool active() const { return m_active; }
    /// The outcome once the work has finished (the thread is joined), else nothing; taken only once.
    std::optional<Outcome> take();
    /// Whether the finished run was the one started by unlocking (meaningful with take()).
    bool onUnlock() const { return m_onUnlock; }
    /// Blocks until the work has finished (the result stays to be taken).
    void wait();

  private:
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::optional<Outcome> m_result; // written by the worker before m_done; read after it
    bool m_onUnlock = false;
    bool m_active = false; // interface thread only
};

} // namespace throughline::app
