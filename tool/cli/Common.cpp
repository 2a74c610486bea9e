#include "cli/Commands.h"

#include "archmodel/ModelCache.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace dcalias::cli {
llvm::cl::OptionCategory Category("dcalias options");
llvm::cl::SubCommand KconfigCmd("kconfig", "Load the Kconfig graph of an architecture and "
                                           "evaluate configurations exactly as conf does");
llvm::cl::SubCommand CompdbCmd("compdb", "Write compile_commands.json for kernel source files "
                                         "from compile_commands.json.in");
llvm::cl::SubCommand AuditCmd("audit", "Per architecture and CPU type: can the data cache alias "
                                       "(never / always / run-time), and must cache_is_aliasing() "
                                       "be absent, static or dynamic? Evidence from Kconfig and Clang");
llvm::cl::SubCommand LintCmd("lint", "Flag DAX code paths that touch pages through the linear "
                                     "mapping without flush_dcache_folio() (compile_commands.json)");
llvm::cl::SubCommand CheckCmd("check", "CI lint of a kernel patch: what it changes about cache "
                                       "aliasing, checked against the arch cache model");
llvm::cl::SubCommand ReportCmd("report", "One self-contained HTML page: the arch x CPU-type matrix "
                                         "with evidence, lint findings, the patch series");
llvm::cl::SubCommand MergeCmd("merge", "Merge the shards of a sweep (audit --shard I/N) into what the "
                                       "unsharded audit writes");
llvm::cl::SubCommand PatchCmd("patch", "Write the per-arch cache_is_aliasing() patch series "
                                       "(git format-patch style) from the arch cache model");

// The model cache, for every command that models the arches.
static llvm::cl::opt<bool> NoCache("no-cache", llvm::cl::desc("compute every arch model, neither reading nor writing the model cache"),
                                   llvm::cl::sub(AuditCmd), llvm::cl::sub(CheckCmd), llvm::cl::sub(PatchCmd),
                                   llvm::cl::sub(ReportCmd), llvm::cl::cat(Category));
static llvm::cl::opt<std::string> CacheDir("cache-dir",
                                           llvm::cl::desc("the model cache directory (default: $DCALIAS_CACHE_DIR, else "
                                                          "$XDG_CACHE_HOME/dcalias/models or ~/.cache/dcalias/models)"),
                                           llvm::cl::sub(AuditCmd), llvm::cl::sub(CheckCmd), llvm::cl::sub(PatchCmd),
                                           llvm::cl::sub(ReportCmd), llvm::cl::cat(Category));

std::unique_ptr<archmodel::ModelCache> modelCache(kconfig::FileCache &Files, const std::string &RulesDir) {
  if (NoCache)
    return nullptr;
  std::string Dir = CacheDir.empty() ? archmodel::defaultModelCacheDir() : CacheDir.getValue();
  if (Dir.empty())
    return nullptr;
  return std::make_unique<archmodel::ModelCache>(Dir, Files, RulesDir);
}

void printCacheNotes(const archmodel::ModelCache *C) {
  if (C)
    C->notes().print(llvm::errs());
}

std::optional<std::string> treeArgument(llvm::StringRef Tree) {
  llvm::SmallString<256> Abs(Tree);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, true);
  if (!llvm::sys::fs::is_directory(Abs)) {
    llvm::errs() << "dcalias: error: '" << Tree << "' is not a directory\n";
    return std::nullopt;
  }
  return Abs.str().str();
}

int failed(llvm::Error E) {
  int Rc = int(E.isA<WriteFailure>() ? ExitCode::Internal : ExitCode::InputError);
  reportError(llvm::errs(), std::move(E));
  return Rc;
}

} // namespace dcalias::cli
