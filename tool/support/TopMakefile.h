// support/TopMakefile.h: what the kernel tree's top Makefile says about how Kbuild compiles,
// read from the tree (each generation writes it differently; nothing is listed here).
//
// Contract: text only, nothing is run. makeVariable() is the value of a simple "NAME := ..."
// or "NAME = ..." assignment, continuation lines joined. linuxInclude() is LINUXINCLUDE (the
// -I directories and -include files every kernel C file gets, USERINCLUDE within it) with
// $(srctree), $(objtree) and $(SRCARCH) given ($(building_out_of_srctree) is whether objtree
// is apart from srctree, as with O=).
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias {

// Makefile text as make's logical lines: a backslash-newline continues the line (joined with
// one space), as in "cflags-$(CONFIG_X) += \" followed by "-I$(srctree)/...".
std::vector<std::string> makefileLines(llvm::StringRef MakefileText);

// "" when the text has no such assignment at the start of a line.
std::string makeVariable(llvm::StringRef MakefileText, llvm::StringRef Name);

struct KbuildDirs {
  std::string SrcTree, ObjTree, SrcArch;
};

// The arguments, in order ("-I<dir>", "-include", "<file>", ...). An error names the Makefile
// when it has no LINUXINCLUDE or a reference it cannot expand.
llvm::Expected<std::vector<std::string>> linuxInclude(const std::string &Tree, const KbuildDirs &D);

} // namespace dcalias
