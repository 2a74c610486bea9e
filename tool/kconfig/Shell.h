// kconfig/Shell.h: running the tree's $(shell,...) commands the way conf's popen() does.
//
// A command runs as `/bin/sh -c CMD` in the current directory, with the process environment
// plus the variables Kbuild exports (given explicitly, never by setenv(), so commands of
// different architectures can run at the same time), stdin and stderr inherited. The result is
// conf's: the first 4095 bytes of stdout, trailing newlines dropped, inner newlines turned into
// spaces. The exit status does not matter to conf and does not matter here.
//
// runShellCommands() runs independent commands concurrently: most are compiler probes whose
// time is process start-up, and conf-compatible results do not depend on their order.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dcalias::kconfig {

using ShellEnv = std::map<std::string, std::string>;

// The command's output as conf's $(shell,...) returns it; Ok is false when /bin/sh could not
// be started (the output is then empty, as conf's would be).
struct ShellResult {
  std::string Output;
  bool Ok = true;
  std::string Error;
};

ShellResult runShellCommand(const std::string &Cmd, const ShellEnv &Env);

// Cmd -> result, for every command; at most Jobs at a time (0: the number of hardware threads).
std::map<std::string, ShellResult> runShellCommands(const std::vector<std::string> &Cmds,
                                                    const ShellEnv &Env, unsigned Jobs = 0);

} // namespace dcalias::kconfig
