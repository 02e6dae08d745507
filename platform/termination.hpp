#pragma once
// Logout, shutdown or a closed terminal send SIGTERM or SIGHUP, which would end the app at once and lose what
// was typed since the last draft was kept. Caught instead: the app ends itself cleanly on its next frame
// (drafts kept, vault locked), as the window's close button does.

namespace throughline::platform {

/// Catches SIGTERM and SIGHUP from now on (the handler only notes the signal).
void catchTermination();
/// The signal caught (SIGTERM or SIGHUP), or 0.
int terminationSignal();

} // namespace throughline::platform
