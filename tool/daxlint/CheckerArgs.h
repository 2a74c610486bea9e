// daxlint/CheckerArgs.h: the lint run as Kbuild's source checker (make C=1|2 CHECK=...).
//
// Contract: Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" per C file with the compiler's
// (gcc's) arguments. The source is the last .c/.i argument; -c and -o FILE are dropped, and so
// is what clangCompatible() drops (gcc-only flags such as -fconserve-stack,
// -mindirect-branch=thunk-extern, sparse's -Wbitwise would fail the parse); Clang's warnings
// are off (-Wno-everything): the findings are the lint's, not the compiler's.
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

// A gcc command line of Kbuild's, as Clang can take it: the arguments Clang's driver does not
// know are dropped, and so are the dependency-file outputs Kbuild passes through the
// preprocessor (-Wp,-MMD,dir/.file.o.d: a path under the build directory that a parse has no
// business writing). Used for every command of a database (gen_compile_commands.py's) too.
std::vector<std::string> clangCompatible(const std::vector<std::string> &Args);

} // namespace dcalias::daxlint
