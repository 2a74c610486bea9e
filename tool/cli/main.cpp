// dcalias: audit a Linux kernel tree for virtually aliased data caches and DAX.
#include "cli/Commands.h"
#include "support/ExitCode.h"
#include "support/Stack.h"
#include "support/Version.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>

using namespace dcalias;

// The command given, run to its exit code (-1: none was given).
static int dispatch() {
  if (cli::KconfigCmd)
    return cli::runKconfig();
  if (cli::CompdbCmd)
    return cli::runCompdb();
  if (cli::AuditCmd)
    return cli::runAudit();
  if (cli::PatchCmd)
    return cli::runPatch();
  if (cli::LintCmd)
    return cli::runLint();
  if (cli::CheckCmd)
    return cli::runCheck();
  if (cli::ReportCmd)
    return cli::runReport();
  if (cli::MergeCmd)
    return cli::runMerge();
  return -1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  // A file size limit (ulimit -f) is an output that cannot be written, exit 3 with the write's
  // own EFBIG message, not a crash: LLVM's handlers would print a stack dump for SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "dcalias " << DCALIAS_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  llvm::cl::HideUnrelatedOptions(cli::Category);
  if (argc > 1 && llvm::StringRef(argv[1]) == "cc-lint")
    return cli::runCcLint(argc - 2, argv + 2);
  std::string Err;
  llvm::raw_string_ostream ErrOS(Err);
  if (!llvm::cl::ParseCommandLineOptions(argc, argv, R"(dcalias - cache-aliasing and DAX audit of Linux kernel trees

  dcalias kconfig <tree> --arch A [--defconfig NAME]...   evaluate Kconfig like the kernel's conf
  dcalias compdb <tree> --arch A [files...]                compile_commands.json for kernel sources
  dcalias audit <tree> [--arch A]                          cache aliasing per arch and CPU type
  dcalias patch <tree> [-o DIR] [--style seed|upstream]    the patch series from the model
  dcalias lint -p <build dir> [files...]                   DAX linear-mapping touches without flush
  dcalias check <tree> --patch FILE|-                      CI lint of a kernel patch
  dcalias report <tree> -o report.html [--lint-json F]     the reviewer's HTML page
  dcalias merge SHARD.json...                              the shards of audit --shard I/N as one audit
  dcalias cc-lint [compiler args] FILE.c                   DAX lint as make C=2 CHECK="dcalias cc-lint"
)", &ErrOS)) {
    llvm::errs() << ErrOS.str();
    return int(ExitCode::InputError);
  }
  int Rc = -1;
  runOnDeepStack([&] { Rc = dispatch(); });
  // A report that could not be written (a full disk, a closed pipe) is a failed run, exit 3,
  // never the findings code that raw_ostream's own fatal error at exit would give.
  llvm::outs().flush();
  if (std::error_code EC = llvm::outs().error()) {
    llvm::outs().clear_error();
    llvm::errs() << "dcalias: error: cannot write standard output: " << EC.message() << "\n";
    return int(ExitCode::Internal);
  }
  if (Rc >= 0)
    return Rc;
  llvm::errs() << "dcalias: error: no command given (see dcalias --help)\n";
  return int(ExitCode::InputError);
}
