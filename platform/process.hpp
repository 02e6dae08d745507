#pragma once
// Process-level protection that depends on the operating system.

namespace throughline::platform {

/// Stops the OS writing core dumps (keys and records would land on disk) and blocks ptrace attach
/// where the platform allows it. Safe to call more than once.
void hardenProcess();

} // namespace throughline::platform
