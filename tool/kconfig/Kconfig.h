// kconfig/Kconfig.h: the Kconfig engine's public contract. No Clang types here.
//
//   FileCache     parses each Kconfig file of a tree once; shared by every architecture.
//   Kconfig       the symbol graph of one architecture (load()), and its evaluation:
//                 readConfig() (a .config or defconfig, conf_read semantics), applyMode()
//                 (defconfig, olddefconfig, alldefconfig, allno/allyes/allmodconfig),
//                 writeConfig() (.config, byte-identical to conf) and writeAutoconf() (the
//                 CONFIG_ macros of include/generated/autoconf.h).
//
// Semantics follow the tree's own scripts/kconfig (conf is the oracle; see
// kernel-snapshots/conformance.sh). Evaluation state lives in the graph; reset() returns it to
// the state right after loading, so one loaded graph evaluates many configurations.
#pragma once

#include "kconfig/Ast.h"
#include "kconfig/Dialect.h"
#include "kconfig/Macro.h"
#include "kconfig/Model.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dcalias::kconfig {

class FileCache {
public:
  explicit FileCache(std::string Tree) : Tree(std::move(Tree)), D(Dialect::ofTree(this->Tree)) {}
  const std::string &tree() const { return Tree; }
  // The tree's Kconfig dialect (Dialect.h), read from its scripts/kconfig once. A tree of
  // Kconfig files that is not a kernel (the kernel's own scripts/kconfig/tests cases) takes the
  // dialect of the kernel it belongs to.
  const Dialect &dialect() const { return D; }
  void setDialect(const Dialect &Other) { D = Other; }
  // The top Makefile's VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION (KERNELVERSION), read once.
  const std::string &kernelVersion();
  // SRCARCH for an ARCH, as the top Makefile maps it (read once).
  const std::string &srcArch(const std::string &Arch);
  // Tree-relative path -> AST (nullptr if the file does not exist). Parse diagnostics are
  // recorded once per file and returned with it.
  struct Entry {
    std::string Path; // the tree-relative path, referenced by every KLoc into this file
    std::unique_ptr<FileAst> Ast;
    DiagList Diags;
    bool Exists = false;
  };
  const Entry &get(const std::string &RelPath);
  size_t filesParsed() const { return Files.size(); }
  // One more than the largest RawWord::NameId handed out so far.
  uint32_t nameIdLimit() const { return NextNameId.load(); }

private:
  std::string Tree;
  Dialect D;
  std::mutex Lock;
  llvm::StringMap<uint32_t> NameIds;
  std::atomic<uint32_t> NextNameId{1};
  void numberNames(FileAst &Ast);
  std::map<std::string, std::unique_ptr<Entry>> Files;
  std::optional<std::string> Version;
  std::optional<std::map<std::string, std::string>> Aliases;
};

struct LoadOptions {
  std::string Arch;    // ARCH as given to make (x86_64, i386, arm, sparc64, ...)
  std::string SrcArch; // arch/ directory; derived from Arch when empty
  // The top Kconfig file (KBUILD_KCONFIG). Given, the tree need not be a kernel (no arch/).
  std::string KconfigFile;
  MacroEnv::Options Macros;
};

enum class Mode { Defconfig, Olddefconfig, Alldefconfig, Allnoconfig, Allyesconfig, Allmodconfig };
llvm::Expected<Mode> parseMode(llvm::StringRef S);

class Kconfig {
public:
  static llvm::Expected<std::unique_ptr<Kconfig>> load(FileCache &Files, const LoadOptions &O,
                                                        DiagList &Diags);
  ~Kconfig();

  // conf_read(): reads a .config/defconfig. Unknown symbols are ignored, as conf does.
  // AsSeed: conf_read_simple() alone, as conf reads KCONFIG_ALLCONFIG before an all*config
  // mode: no value is computed, so the mode still sets every symbol the seed does not.
  llvm::Error readConfig(llvm::StringRef Text, const std::string &Name, DiagList &Diags,
                         bool AsSeed = false);
  void applyMode(Mode M);
  std::string writeConfig();
  // KCONFIG_WARN_CHANGED_INPUT (where the dialect has it): writeConfig() also lists the user
  // values it changed, as conf prints them on stderr; empty when none changed.
  void setWarnChangedInput(bool On);
  bool warnsChangedInput() const;
  const std::string &changedInputWarning() const;
  std::string writeAutoconf();
  void reset();

  Symbol *find(llvm::StringRef Name) const;
  const std::vector<Symbol *> &symbolsInConfOrder() const { return AllSymbols; }
  Menu *root() { return &RootMenu; }
  const std::string &srcArch() const { return SrcArch; }
  const MacroEnv &macros() const { return *Macros; }
  std::string valueOf(const Symbol *S) const;     // sym_get_string_value
  std::string explain(Symbol *S);                 // why S has its value
  std::string exprToString(const Expr *E) const;
  // conf's "WARNING: unmet direct dependencies detected for X" of the last evaluation.
  const std::vector<std::string> &unmetDependencyWarnings() const;

  // The constant symbols y, m and n, and the symbol of "modules" (nullptr without one), as
  // expressions reference them (for encoders of the graph such as Reachability.cpp).
  const Symbol *yes() const;
  const Symbol *mod() const;
  const Symbol *no() const;
  Symbol *modulesSymbol() const;

  // Implementation state, used by Builder/Eval/ConfigIO (one class split over files).
  struct Impl;

private:
  std::unique_ptr<Impl> I;
  Kconfig();
  Menu RootMenu;
  bool Changed = true; // conf_get_changed(): true after parsing, recomputed by readConfig()
  std::string SrcArch;
  std::unique_ptr<MacroEnv> Macros;
  std::vector<Symbol *> AllSymbols;
  friend struct Impl;
  friend class Builder;
};

// VERSION.PATCHLEVEL.SUBLEVEL+EXTRAVERSION from the tree's Makefile (KERNELVERSION).
std::string kernelVersionOf(const std::string &Tree);

// ARCH (as make takes it) -> SRCARCH directory, as the tree's top Makefile maps it
// (FileCache::srcArch() remembers the map).
std::map<std::string, std::string> archAliasesOf(const std::string &Tree);
std::string srcArchFor(const std::string &Tree, llvm::StringRef Arch);
// All ARCH values worth evaluating for a tree: one per arch/ directory plus the
// alternative ARCH spellings the Makefile maps (i386/x86_64, sparc32/sparc64, ...).
std::vector<std::string> archesOf(const std::string &Tree);

} // namespace dcalias::kconfig
