// dcalias cc-lint [compiler arguments...] FILE.c: the DAX lint as Kbuild's source checker,
//   make C=1|2 CHECK="dcalias cc-lint" CHECKFLAGS= [targets]
// Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" per C file. The arguments are the
// compiler's (gcc's): those Clang does not know are dropped (its driver's option table says
// which), -c/-o are ignored. One translation unit at a time: interprocedural paths through
// other files are not seen (use dcalias lint with a database for those). Findings go to stdout
// as warnings; the exit code stays 0 unless --werror is given, as sparse does.
#include "cli/Commands.h"

#include "daxlint/Lint.h"
#include "report/LintOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;

namespace dcalias::cli {

int runCcLint(int Argc, const char *const *Argv) {
  std::vector<std::string> Raw(Argv, Argv + Argc);
  bool Werror = false;
  std::string Source;
  std::vector<std::string> Kept;
  std::vector<const char *> ForTable;
  for (size_t I = 0; I < Raw.size(); ++I) {
    const std::string &A = Raw[I];
    if (A == "--werror") {
      Werror = true;
      continue;
    }
    if (A == "-c")
      continue;
    if (A == "-o" && I + 1 < Raw.size()) {
      ++I;
      continue;
    }
    if (!A.empty() && A[0] != '-' && (StringRef(A).ends_with(".c") || StringRef(A).ends_with(".i"))) {
      Source = A;
      continue;
    }
    Kept.push_back(A);
  }
  if (Source.empty()) {
    errs() << "dcalias cc-lint: error: no C source file among the arguments (Kbuild passes it last)\n";
    return int(ExitCode::InputError);
  }
  // Drop what Clang's driver does not know (gcc-only flags such as -fconserve-stack,
  // -mindirect-branch=thunk-extern, sparse's -Wbitwise): keeping them would fail the parse.
  for (const std::string &A : Kept)
    ForTable.push_back(A.c_str());
  const opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Args = Table.ParseArgs(ForTable, MissingIndex, MissingCount);
  std::set<std::string> Unknown;
  for (const opt::Arg *A : Args.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.insert(A->getAsString(Args));
  std::vector<std::string> Flags;
  for (const std::string &A : Kept)
    if (!Unknown.count(A))
      Flags.push_back(A);
  Flags.push_back("-Wno-everything");
  clang::tooling::FixedCompilationDatabase DB(".", Flags);
  auto R = daxlint::loadLintRules();
  if (!R) {
    reportError(errs(), R.takeError());
    return int(ExitCode::InputError);
  }
  daxlint::LintOptions O;
  O.Database = &DB;
  O.Files = {Source};
  O.Jobs = 1;
  auto Res = daxlint::runLint(O, *R);
  if (!Res) {
    reportError(errs(), Res.takeError());
    return int(ExitCode::InputError);
  }
  // Kbuild's output is a log, often a pipe: colour only on a terminal.
  outs().enable_colors(outs().is_displayed());
  report::writeLintText(outs(), Res->Findings);
  return Werror && !Res->Findings.empty() ? int(ExitCode::Findings) : int(ExitCode::Clean);
}

} // namespace dcalias::cli
