#include "kconfig/Entries.h"

#include "support/Diagnostics.h"
#include "support/ReadLog.h"
#include "support/TreeFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace dcalias::kconfig {

llvm::StringRef EntryOption::target() const {
  if (O->Kind != OptKind::Select && O->Kind != OptKind::Imply)
    return "";
  return O->W.Text;
}

unsigned ConfigEntry::count(OptKind K) const {
  return unsigned(std::count_if(Opts.begin(), Opts.end(), [K](const EntryOption &O) { return O.kind() == K; }));
}

namespace {

void collect(const std::vector<Stmt> &Stmts, std::vector<ConfigEntry> &Out) {
  for (const Stmt &S : Stmts) {
    if (S.Kind == StmtKind::Config || S.Kind == StmtKind::MenuConfig) {
      ConfigEntry E{S.Name.Text, S.Line, {}};
      for (const Option &O : S.Opts)
        E.Opts.push_back({&O});
      Out.push_back(std::move(E));
    }
    collect(S.Body, Out);
  }
}

void negated(const AExpr &E, bool Neg, std::vector<std::string> &Out) {
  switch (E.Kind) {
  case ExprKind::Symbol:
    if (Neg && !E.LW.Quoted && !E.LW.HasMacro &&
        std::find(Out.begin(), Out.end(), E.LW.Text) == Out.end())
      Out.push_back(E.LW.Text);
    return;
  case ExprKind::Not:
    if (E.L)
      negated(*E.L, !Neg, Out);
    return;
  case ExprKind::And:
  case ExprKind::Or:
    if (E.L)
      negated(*E.L, Neg, Out);
    if (E.R)
      negated(*E.R, Neg, Out);
    return;
  default: // comparisons name values, not a symbol that must be n
    return;
  }
}

} // namespace

FileEntries::At FileEntries::at(unsigned Line) const {
  // Entries are in file order and an entry's options follow its line: the entry of Line is the
  // last one starting at or before it (binary search keeps a large patch linear).
  auto It = std::upper_bound(Configs.begin(), Configs.end(), Line,
                             [](unsigned L, const ConfigEntry &E) { return L < E.Line; });
  if (It == Configs.begin())
    return {};
  const ConfigEntry &E = *std::prev(It);
  if (E.Line == Line)
    return {&E, nullptr};
  // Its options are in line order too.
  auto O = std::lower_bound(E.Opts.begin(), E.Opts.end(), Line,
                            [](const EntryOption &X, unsigned L) { return X.line() < L; });
  if (O != E.Opts.end() && O->line() == Line)
    return {&E, &*O};
  return {};
}

std::vector<const ConfigEntry *> FileEntries::named(llvm::StringRef Name) const {
  std::vector<const ConfigEntry *> Out;
  for (const ConfigEntry &E : Configs)
    if (E.Name == Name)
      Out.push_back(&E);
  return Out;
}

const ConfigEntry *FileEntries::mostSelects() const {
  const ConfigEntry *Best = nullptr;
  unsigned BestN = 0;
  for (const ConfigEntry &E : Configs)
    if (unsigned N = E.count(OptKind::Select); N > BestN) {
      Best = &E;
      BestN = N;
    }
  return Best;
}

FileEntries readEntries(llvm::StringRef Text, const std::string &Path) {
  FileEntries F;
  F.Path = Path;
  F.Ast = parseKconfig(Text, Path, F.Diags);
  collect(F.Ast->Stmts, F.Configs); // pre-order: file order
  return F;
}

llvm::Expected<FileEntries> readEntriesFile(const std::string &Tree, const std::string &RelPath) {
  auto B = readTreeFile(Tree, RelPath);
  if (!B)
    return B.takeError();
  return readEntries((*B)->getBuffer(), RelPath);
}

std::vector<std::string> negatedSymbols(const AExpr &E) {
  std::vector<std::string> Out;
  negated(E, false, Out);
  return Out;
}

std::vector<ArchExclusion> excludedArches(const AExpr &Dep,
                                          const std::map<std::string, std::string> &ArchSymbols) {
  std::vector<ArchExclusion> Out;
  for (const std::string &Sym : negatedSymbols(Dep))
    if (auto It = ArchSymbols.find(Sym); It != ArchSymbols.end() &&
        std::none_of(Out.begin(), Out.end(), [&](const ArchExclusion &X) { return X.SrcArch == It->second; }))
      Out.push_back({Sym, It->second});
  return Out;
}

std::vector<const EntryOption *> archOwnSelects(const FileEntries &K, llvm::StringRef SrcArch) {
  std::vector<const EntryOption *> Out;
  auto add = [&Out](const ConfigEntry &E) {
    for (const EntryOption &O : E.Opts)
      if (O.kind() == OptKind::Select)
        Out.push_back(&O);
  };
  for (const ConfigEntry *E : K.named(SrcArch.upper()))
    add(*E);
  if (Out.empty())
    if (const ConfigEntry *E = K.mostSelects())
      add(*E);
  return Out;
}

std::map<std::string, std::string> archSymbols(const std::string &Tree) {
  std::map<std::string, std::string> Out;
  std::error_code EC;
  std::vector<std::string> Dirs;
  noteRead(ReadKind::Listing, Tree + "/arch");
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch", EC), E; It != E && !EC; It.increment(EC))
    Dirs.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Dirs.begin(), Dirs.end()); // directory order is the filesystem's
  for (const std::string &A : Dirs) {
    auto K = readEntriesFile(Tree, "arch/" + A + "/Kconfig");
    if (!K) {
      llvm::consumeError(K.takeError()); // not an arch directory (arch/Kconfig is a file)
      continue;
    }
    if (const ConfigEntry *E = K->mostSelects())
      Out[E->Name] = A;
    if (!K->named(llvm::StringRef(A).upper()).empty())
      Out.emplace(llvm::StringRef(A).upper(), A);
  }
  return Out;
}

} // namespace dcalias::kconfig
