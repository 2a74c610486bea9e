// cli: one function per subcommand; main() parses options and dispatches, nothing else.
// Each returns the process exit code (support/ExitCode.h); none of them exits.
#pragma once

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace dcalias::kconfig {
class FileCache;
}
namespace dcalias::archmodel {
class ModelCache;
}

namespace dcalias::cli {

extern llvm::cl::OptionCategory Category;

// The kernel tree argument as an absolute path without dots; std::nullopt (and the error
// printed) when it is not a directory.
std::optional<std::string> treeArgument(llvm::StringRef Tree);
// Prints an error that ends a subcommand and returns its exit code: 3 for an output that
// could not be written (support/Output.h's WriteFailure), 2 for anything else.
int failed(llvm::Error E);
// The model cache as --no-cache and --cache-dir say (nullptr: none), and what it noted.
std::unique_ptr<archmodel::ModelCache> modelCache(kconfig::FileCache &Files, const std::string &RulesDir);
void printCacheNotes(const archmodel::ModelCache *C);
extern llvm::cl::SubCommand KconfigCmd;
extern llvm::cl::SubCommand CompdbCmd;
extern llvm::cl::SubCommand AuditCmd;
extern llvm::cl::SubCommand PatchCmd;
extern llvm::cl::SubCommand LintCmd;
extern llvm::cl::SubCommand CheckCmd;
extern llvm::cl::SubCommand ReportCmd;
extern llvm::cl::SubCommand MergeCmd;

int runKconfig();
int runCompdb();
int runAudit();
int runPatch();
int runLint();
int runCheck();
int runReport();
int runMerge();
// Not a cl::SubCommand: its arguments are a compiler's, taken verbatim (Kbuild C=2 CHECK=).
int runCcLint(int Argc, const char *const *Argv);

} // namespace dcalias::cli
