// compdb: instantiate compile_commands.json.in for kernel source files.
//
// Contract: given the template text, the per-arch settings (rules/compdb-arch.json) and a list
// of files, produce a compilation database (a JSON array) whose commands are the flags Kbuild
// would use. Pure: it reads nothing but what it is given and never touches the tree.
//
// Placeholders of compile_commands.json.in (each a whole or partial JSON string):
//   @TREE@        absolute path of the kernel source tree (Kbuild's srctree)
//   @OBJTREE@     absolute path of the build directory (objtree; the tree itself without O=)
//   @SRCARCH@     arch directory under arch/ (x86, arm, ...)
//   @TARGET@      clang --target triple for the arch (rules/compdb-arch.json)
//   @ARCH_FLAGS@  a whole array element replaced by the arch's flags, zero or more arguments
//   @LINUXINCLUDE@ a whole array element replaced by the tree's LINUXINCLUDE (Params), the
//                 include path and forced includes as the tree's own Makefile writes them
//   @CC@          the compiler (default clang-19)
//   @FILE@        absolute path of the source file
//   @OUTPUT@      object file path under @OBJTREE@ (foo.c -> foo.o)
//   @MODFILE@     tree-relative path without extension (KBUILD_MODFILE)
//   @BASENAME@    file stem (KBUILD_BASENAME); @MODNAME@ the same, as Kbuild uses for one-file modules
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <string>
#include <vector>

namespace dcalias::compdb {

struct ArchSettings {
  std::string Target;
  std::vector<std::string> Flags;
};

// Parses rules/compdb-arch.json. Name is used in error messages.
llvm::Expected<std::map<std::string, ArchSettings>> parseArchSettings(llvm::StringRef Text,
                                                                      llvm::StringRef Name);

struct Params {
  std::string Tree;    // absolute
  std::string ObjTree; // absolute; empty means Tree
  std::string SrcArch;
  ArchSettings Arch;
  std::vector<std::string> LinuxInclude; // support/TopMakefile.h linuxInclude() of the tree
  std::string CC = "clang-19";
};

// Files are tree-relative or absolute paths below Tree.
llvm::Expected<llvm::json::Array> instantiate(llvm::StringRef TemplateText,
                                              llvm::StringRef TemplateName, const Params &P,
                                              llvm::ArrayRef<std::string> Files);

} // namespace dcalias::compdb
