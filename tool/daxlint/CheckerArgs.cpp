#include "daxlint/CheckerArgs.h"

#include "support/Diagnostics.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"

#include <set>

namespace dcalias::daxlint {

std::vector<std::string> clangCompatible(const std::vector<std::string> &Args) {
  std::vector<const char *> ForTable;
  for (const std::string &A : Args)
    ForTable.push_back(A.c_str());
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = Table.ParseArgs(ForTable, MissingIndex, MissingCount);
  std::set<std::string> Unknown;
  for (const llvm::opt::Arg *A : Parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.insert(A->getAsString(Parsed));
  std::vector<std::string> Out;
  for (const std::string &A : Args) {
    llvm::StringRef R(A);
    if (Unknown.count(A) || R.starts_with("-Wp,-MD,") || R.starts_with("-Wp,-MMD,"))
      continue;
    Out.push_back(A);
  }
  return Out;
}

llvm::Expected<CheckerInvocation> checkerInvocation(const std::vector<std::string> &Args) {
  CheckerInvocation Out;
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "-c")
      continue;
    if (A == "-o" && I + 1 < Args.size()) {
      ++I;
      continue;
    }
    if (!A.empty() && A[0] != '-' && (A.ends_with(".c") || A.ends_with(".i"))) {
      Out.Source = A.str();
      continue;
    }
    Kept.push_back(A.str());
  }
  if (Out.Source.empty())
    return makeError("no C source file among the arguments (Kbuild passes it last)");
  Out.ClangArgs = clangCompatible(Kept);
  Out.ClangArgs.push_back("-Wno-everything");
  return Out;
}

} // namespace dcalias::daxlint
