// Exit codes shared by every subcommand (DESIGN.md section 5). Only main() exits.
#pragma once

namespace dcalias {
enum class ExitCode : int {
  Clean = 0,      // nothing found, or the command did what was asked
  Findings = 1,   // the analysis found something to report
  InputError = 2, // bad usage or bad input (a located file:line: error: was printed)
  Internal = 3,   // a bug in dcalias, or an output that could not be written
};
} // namespace dcalias
