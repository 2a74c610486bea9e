// kconfig/Entries.h: a Kconfig file read as its config entries, for the components that review
// or edit Kconfig text (ci's check, patchgen's series) instead of evaluating it.
//
// Contract: everything here comes from the engine's own parser (Ast.h), with the line of each
// entry and option, so no component scans Kconfig text by string matching. Nothing is
// evaluated and no macro is expanded: an entry is what the file says, in file order.
#pragma once

#include "kconfig/Ast.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dcalias::kconfig {

// One option of an entry, pointing into the file's AST.
struct EntryOption {
  const Option *O = nullptr;
  OptKind kind() const { return O->Kind; }
  unsigned line() const { return O->Line; }
  // The target of a select or imply ("" for other options).
  llvm::StringRef target() const;
};

// A config or menuconfig entry (choice, menu and if blocks are looked through).
struct ConfigEntry {
  std::string Name;
  unsigned Line = 0;
  std::vector<EntryOption> Opts;
  unsigned count(OptKind K) const;
};

struct FileEntries {
  std::string Path; // tree-relative
  std::unique_ptr<FileAst> Ast;
  DiagList Diags;
  std::vector<ConfigEntry> Configs; // file order

  // The entry and option written on Line (1-based): the entry line itself gives Opt == nullptr.
  struct At {
    const ConfigEntry *Entry = nullptr;
    const EntryOption *Opt = nullptr;
  };
  At at(unsigned Line) const;
  std::vector<const ConfigEntry *> named(llvm::StringRef Name) const;
  // The entry with the most select lines (the first of equals); nullptr if none selects.
  const ConfigEntry *mostSelects() const;
};

FileEntries readEntries(llvm::StringRef Text, const std::string &Path);
llvm::Expected<FileEntries> readEntriesFile(const std::string &Tree, const std::string &RelPath);

// The symbols an expression needs to be n (under an odd number of '!'): the names a
// "depends on !(ARM || MIPS)" excludes.
std::vector<std::string> negatedSymbols(const AExpr &E);

// The select lines of an arch's own entry in arch/<srcarch>/Kconfig: the entries named as the
// directory (SPARC beside SPARC64), else the entry with the most selects (SUPERH, X86, PPC).
std::vector<const EntryOption *> archOwnSelects(const FileEntries &ArchKconfig, llvm::StringRef SrcArch);

struct ArchExclusion {
  std::string Symbol, SrcArch; // ARM, arm
};
// The arch symbols (ArchSymbols: archSymbols() of the tree) a dependency needs to be n, in the
// order written, each arch directory once: what "depends on !(ARM || MIPS || SPARC)" excludes.
std::vector<ArchExclusion> excludedArches(const AExpr &Dep,
                                          const std::map<std::string, std::string> &ArchSymbols);

// Symbol -> arch directory, for every arch/ of the tree: each arch's entry with the most selects
// and the entry named as its directory where it has one (ARM -> arm, SUPERH -> sh, SPARC and
// SPARC64 -> sparc).
std::map<std::string, std::string> archSymbols(const std::string &Tree);

} // namespace dcalias::kconfig
