// daxlint/CheckerArgs.h: the lint run as Kbuild's source checker (make C=1|2 CHECK=...).
//
// Contract: Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" per C file with the compiler's
// (gcc's) arguments. The source is the last .c/.i argument; -c and -o FILE are dropped, and so
// is every argument Clang's driver does not know (gcc-only flags such as -fconserve-stack,
// -mindirect-branch=thunk-extern, sparse's -Wbitwise), which would fail the parse; Clang's
// warnings are off (-Wno-everything): the findings are the lint's, not the compiler's.
#pragma once

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias::daxlint {

struct CheckerInvocation {
  std::string Source;
  std::vector<std::string> ClangArgs;
};

llvm::Expected<CheckerInvocation> checkerInvocation(const std::vector<std::string> &CompilerArgs);

} // namespace dcalias::daxlint
