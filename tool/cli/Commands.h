// cli: one function per subcommand; main() parses options and dispatches, nothing else.
// Each returns the process exit code (support/ExitCode.h); none of them exits.
#pragma once

#include "llvm/Support/CommandLine.h"

namespace dcalias::cli {

extern llvm::cl::OptionCategory Category;
extern llvm::cl::SubCommand KconfigCmd;
extern llvm::cl::SubCommand CompdbCmd;
extern llvm::cl::SubCommand AuditCmd;
extern llvm::cl::SubCommand PatchCmd;
extern llvm::cl::SubCommand LintCmd;
extern llvm::cl::SubCommand CheckCmd;
extern llvm::cl::SubCommand ReportCmd;

int runKconfig();
int runCompdb();
int runAudit();
int runPatch();
int runLint();
int runCheck();
int runReport();
// Not a cl::SubCommand: its arguments are a compiler's, taken verbatim (Kbuild C=2 CHECK=).
int runCcLint(int Argc, const char *const *Argv);

} // namespace dcalias::cli
