#pragma once
// Folder sync off the interface thread: reading, checking and merging a large inbox takes seconds, and the
// app must keep drawing meanwhile. Threading contract (core's): while the worker runs, nothing else uses
// the vault — the navigator draws the screens disabled, loads nothing, saves no draft, and the (auto-)lock
// waits until the result is in before it wipes the keys.
#include "throughline/base/result.hpp"
#include <throughline/sync/exchange.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <thread>

namespace throughline::app {

/// Owns at most one running folder sync and its result. Joins in its destructor.
class FolderSyncWorker {
  public:
    using Outcome = core::Result<core::sync::FolderSyncReport>;
    FolderSyncWorker() = default;
    ~FolderSyncWorker() {
        cancel();
        wait();
    }
    FolderSyncWorker(const FolderSyncWorker&) = delete;
    FolderSyncWorker& operator=(const FolderSyncWorker&) = delete;

    /// Where a running sync is, as core last reported it (read on the interface thread, written by the
    /// worker).
    struct Progress {
        core::sync::SyncProgress::Stage stage = core::sync::SyncProgress::Stage::Checking;
        std::size_t step = 0, steps = 0; // file (or contact) `step` of `steps`; 0 of 0 before the first
        std::uint64_t bytesDone = 0, bytesTotal = 0;
    };

    /// Runs `work` on a thread of its own, handing it a SyncControl whose progress lands in progress() and
    /// whose cancel flag is cancel()'s; false (and nothing started) while one is still running or its result
    /// has not been taken.
    bool start(std::function<Outcome(const core::sync::SyncControl&)> work, bool onUnlock);
    /// Asks a running sync to stop at its next safe point (between files; a bundle half-checked leaves the
    /// vault untouched). What it finished stays done.
    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    bool cancelling() const { return m_cancel.load(std::memory_order_relaxed); }
    Progress progress() const;
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
    std::atomic<bool> m_done{false}, m_cancel{false};
    std::atomic<int> m_stage{0};
    std::atomic<std::size_t> m_step{0}, m_steps{0};
    std::atomic<std::uint64_t> m_bytesDone{0}, m_bytesTotal{0};
    std::optional<Outcome> m_result; // written by the worker before m_done; read after it
    bool m_onUnlock = false;
    bool m_active = false; // interface thread only
};

} // namespace throughline::app
