// dcalias cc-lint [compiler arguments...] FILE.c: the DAX lint as Kbuild's source checker,
//   make C=1|2 CHECK="dcalias cc-lint" CHECKFLAGS= [targets]
// Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" per C file with gcc's arguments
// (daxlint/CheckerArgs.h says which reach Clang). One translation unit at a time: interprocedural paths through
// other files are not seen (use dcalias lint with a database for those). Findings go to stdout
// as warnings; the exit code stays 0 unless --werror is given, as sparse does.
#include "cli/Commands.h"

#include "daxlint/CheckerArgs.h"
#include "daxlint/Lint.h"
#include "report/LintOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/raw_ostream.h"


using namespace llvm;

namespace dcalias::cli {

int runCcLint(int Argc, const char *const *Argv) {
  std::vector<std::string> Args;
  bool Werror = false;
  for (int I = 0; I < Argc; ++I) {
    if (StringRef(Argv[I]) == "--werror")
      Werror = true;
    else
      Args.push_back(Argv[I]);
  }
  auto Inv = daxlint::checkerInvocation(Args);
  if (!Inv) {
    reportError(errs(), Inv.takeError());
    return int(ExitCode::InputError);
  }
  clang::tooling::FixedCompilationDatabase DB(".", Inv->ClangArgs);
  auto R = daxlint::loadLintRules();
  if (!R) {
    reportError(errs(), R.takeError());
    return int(ExitCode::InputError);
  }
  daxlint::LintOptions O;
  O.Database = &DB;
  O.Files = {Inv->Source};
  O.Jobs = 1;
  auto Res = daxlint::runLint(O, *R);
  if (!Res) {
    reportError(errs(), Res.takeError());
    return int(ExitCode::InputError);
  }
  if (Error E = daxlint::failedUnits(*Res)) {
    reportError(errs(), std::move(E));
    return int(ExitCode::InputError);
  }
  // Kbuild's output is a log, often a pipe: colour only on a terminal.
  outs().enable_colors(outs().is_displayed());
  report::writeLintText(outs(), Res->Findings);
  return Werror && !Res->Findings.empty() ? int(ExitCode::Findings) : int(ExitCode::Clean);
}

} // namespace dcalias::cli
