#include "archmodel/KbuildOverlay.h"

#include "kconfig/Defconfig.h"
#include "support/ReadLog.h"
#include "support/TopMakefile.h"
#include "support/TreeFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <functional>
#include <set>
#include <vector>

namespace dcalias::archmodel {

namespace {
// A Makefile or Kbuild file's logical lines (none when it cannot be read).
std::vector<std::string> fileLines(const std::string &Tree, const std::string &Rel) {
  if (auto Buf = readOptionalTreeFile(Tree, Rel))
    return makefileLines(Buf->getBuffer());
  return {};
}

// The names listed as "<Var> += a.h b.h" in a Kbuild file.
std::vector<std::string> kbuildList(const std::string &Tree, const std::string &Rel, llvm::StringRef Var) {
  std::vector<std::string> Out;
  for (const std::string &Line : fileLines(Tree, Rel)) {
    llvm::StringRef L = llvm::StringRef(Line).trim();
    if (!L.consume_front(Var))
      continue;
    L = L.ltrim();
    if (!L.consume_front("+=") && !L.consume_front(":="))
      continue;
    llvm::SmallVector<llvm::StringRef> Names;
    llvm::SplitString(L, Names);
    for (llvm::StringRef N : Names)
      Out.push_back(N.str());
  }
  return Out;
}

// "$(if COND, THEN)" -> THEN (trimmed), or Value itself when it is not that form.
llvm::StringRef thenPart(llvm::StringRef Value) {
  if (!Value.consume_front("$(if ") || !Value.consume_back(")"))
    return Value;
  int Depth = 0;
  for (size_t I = 0; I < Value.size(); ++I) {
    if (Value[I] == '(')
      ++Depth;
    else if (Value[I] == ')')
      --Depth;
    else if (Value[I] == ',' && Depth == 0)
      return Value.drop_front(I + 1).split(',').first.trim();
  }
  return "";
}

// Headers a top-level Kbuild/Makefile assigns to a variable: "name := include/generated/x.h",
// or only when a configuration asks ("autoksyms_h := $(if $(CONFIG_TRIM_UNUSED_KSYMS),
// include/generated/autoksyms.h)"; a stand-in is harmless where nothing includes it).
std::vector<std::string> generatedHeaders(const std::string &Tree, const std::string &Rel) {
  std::vector<std::string> Out;
  for (const std::string &Line : fileLines(Tree, Rel)) {
    auto [Name, Value] = llvm::StringRef(Line).split(":=");
    Value = thenPart(Value.trim());
    if (Name.trim().contains(' ') || Name.trim().empty() || !Value.starts_with("include/") ||
        !Value.ends_with(".h") || Value.contains(' ') || Value.contains('$'))
      continue;
    Out.push_back(Value.str());
  }
  return Out;
}

// What the top Makefile's filechk_version.h writes, from its VERSION/PATCHLEVEL/SUBLEVEL.
std::string versionHeader(const std::string &Tree) {
  unsigned V[3] = {0, 0, 0};
  const char *Names[3] = {"VERSION", "PATCHLEVEL", "SUBLEVEL"};
  std::vector<std::string> Lines = fileLines(Tree, "Makefile");
  for (const std::string &L : llvm::ArrayRef(Lines).take_front(20))
    for (int I = 0; I < 3; ++I) {
      auto [N, Val] = llvm::StringRef(L).split('=');
      if (N.trim() == Names[I])
        Val.trim().getAsInteger(10, V[I]);
    }
  unsigned Code = (V[0] << 16) + (V[1] << 8) + (V[2] > 255 ? 255 : V[2]);
  return "#define LINUX_VERSION_CODE " + std::to_string(Code) +
         "\n#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n" +
         "#define LINUX_VERSION_MAJOR " + std::to_string(V[0]) + "\n#define LINUX_VERSION_PATCHLEVEL " +
         std::to_string(V[1]) + "\n#define LINUX_VERSION_SUBLEVEL " + std::to_string(V[2]) + "\n";
}

void wrappers(const std::string &Tree, const std::string &Src, const std::string &Generic,
              const std::string &Obj, bool Mandatory, std::map<std::string, std::string> &Out) {
  std::string Kbuild = Src + "/Kbuild";
  std::vector<std::string> GenericY = kbuildList(Tree, Kbuild, "generic-y");
  std::vector<std::string> Generated = kbuildList(Tree, Kbuild, "generated-y");
  std::set<std::string> GeneratedSet(Generated.begin(), Generated.end());
  if (Mandatory)
    for (const std::string &H : kbuildList(Tree, Generic + "/Kbuild", "mandatory-y"))
      if (!GeneratedSet.count(H) && !treeExists(Tree + "/" + Src + "/" + H))
        GenericY.push_back(H);
  for (const std::string &H : GenericY) {
    std::string Stem = llvm::StringRef(H).drop_back(2).str(); // "x.h" -> "x"
    Out[Obj + "/" + H] = "#include <asm-generic/" + Stem + ".h>\n";
  }
  // generated-y: what the arch's own scripts write (syscall numbers and tables from
  // syscall.tbl, ...), which a probe does not run. Their macros feed code, not cache
  // properties; present but empty, so that preprocessing reaches the evidence.
  for (const std::string &H : Generated)
    Out.try_emplace(Obj + "/" + H, "/* dcalias stand-in for a header the arch's Kbuild generates */\n");
}
} // namespace

std::vector<std::string> archCppflagsIncludes(const std::string &Tree, const std::string &SrcArch) {
  std::vector<std::string> Out;
  // Assignments outside any conditional (ifeq/ifdef blocks depend on the configuration or the
  // toolchain), continuation lines joined, "+=" appended: NAME -> value.
  std::map<std::string, std::string> Vars;
  std::vector<std::pair<std::string, std::string>> Flags; // (KBUILD_CPPFLAGS|KBUILD_CFLAGS, text)
  std::vector<std::string> Lines = fileLines(Tree, "arch/" + SrcArch + "/Makefile");
  unsigned Depth = 0;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = llvm::StringRef(Lines[I]).trim();
    if (L.starts_with("ifeq") || L.starts_with("ifneq") || L.starts_with("ifdef") || L.starts_with("ifndef")) {
      ++Depth;
      continue;
    }
    if (L.starts_with("endif")) {
      Depth -= Depth > 0;
      continue;
    }
    if (Depth || L.starts_with("#"))
      continue;
    size_t Op = L.find('=');
    if (Op == llvm::StringRef::npos || Op == 0)
      continue;
    bool Append = L[Op - 1] == '+';
    llvm::StringRef Name = L.take_front(Op).drop_back(Append || L[Op - 1] == ':' ? 1 : 0).trim();
    if (Name.empty() || !llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
      continue; // "cflags-y", "$(obj)/x": configuration-dependent or not a variable
    std::string Value = L.drop_front(Op + 1).trim().str();
    if (Name == "KBUILD_CPPFLAGS" || Name == "KBUILD_CFLAGS")
      Flags.push_back({Name.str(), Value});
    else if (Append)
      Vars[Name.str()] += " " + Value;
    else
      Vars.try_emplace(Name.str(), Value); // the first assignment, as the host-independent one
  }
  std::function<std::string(std::string, unsigned)> Expand = [&](std::string V, unsigned D) {
    for (size_t At = 0; D < 6 && (At = V.find("$(", At)) != std::string::npos;) {
      size_t E = V.find(')', At);
      std::string Name = E == std::string::npos ? "" : V.substr(At + 2, E - At - 2);
      std::string Val;
      if (Name == "srctree" || Name == "objtree")
        Val = "$<" + Name + ">";
      else if (Name == "SUBARCH")
        Val = kconfig::hostSubArch();
      else if (auto It = Vars.find(Name); It != Vars.end())
        Val = Expand(It->second, D + 1);
      else {
        At += 2; // a function or an unknown variable: left, and the token skipped
        continue;
      }
      V.replace(At, E - At + 1, Val);
    }
    return V;
  };
  // KBUILD_CPPFLAGS comes before KBUILD_CFLAGS on a kernel compile's command line.
  for (const char *Which : {"KBUILD_CPPFLAGS", "KBUILD_CFLAGS"})
    for (const auto &[Name, Text] : Flags) {
      if (Name != Which)
        continue;
      llvm::SmallVector<llvm::StringRef> Toks;
      std::string X = Expand(Text, 0);
      llvm::SplitString(X, Toks);
      for (size_t T = 0; T < Toks.size(); ++T) {
        llvm::StringRef Tok = Toks[T];
        if (!Tok.consume_front("-I"))
          continue;
        if (Tok.empty() && T + 1 < Toks.size())
          Tok = Toks[++T]; // "-I $(srctree)/arch/powerpc"
        bool Obj = Tok.consume_front("$<objtree>/");
        if (!Obj && !Tok.consume_front("$<srctree>/"))
          continue;
        if (Tok.contains('$') || Tok.contains('%'))
          continue;
        std::string D = (Obj ? "$(objtree)/" : "") + Tok.rtrim('/').str();
        if (std::find(Out.begin(), Out.end(), D) == Out.end())
          Out.push_back(D);
      }
    }
  return Out;
}

std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch) {
  std::map<std::string, std::string> Out;
  // Another arch's generated directories on the arch Makefile's path (um: its host's, which
  // Kbuild fills with "make ARCH=$(HEADER_ARCH) asm-generic archheaders").
  for (const std::string &D : archCppflagsIncludes(Tree, SrcArch)) {
    llvm::StringRef R(D);
    if (!R.consume_front("$(objtree)/arch/"))
      continue;
    auto [Other, Rest] = R.split('/');
    if (Other != SrcArch && Rest.starts_with("include/generated"))
      for (auto &[Path, Text] : asmGenericWrappers(Tree, Other.str()))
        Out.try_emplace(Path, Text);
  }
  bool NotUm = SrcArch != "um";
  std::string A = "arch/" + SrcArch + "/include";
  wrappers(Tree, A + "/asm", "include/asm-generic", A + "/generated/asm", NotUm, Out);
  wrappers(Tree, A + "/uapi/asm", "include/uapi/asm-generic", A + "/generated/uapi/asm", NotUm, Out);
  // Kbuild generates bounds.h by compiling kernel/bounds.c for the target, which a probe does
  // not do. mm headers test its values in #if only to lay out page flags, never a cache
  // property, so plausible values stand in.
  Out["include/generated/bounds.h"] =
      "/* dcalias stand-in for kernel/bounds.c's output */\n#define NR_PAGEFLAGS 24\n"
      "#define MAX_NR_ZONES 4\n#define NR_CPUS_BITS 1\n#define SPINLOCK_SIZE 4\n";
  // Also generated by compiling or running tree code: structure offsets for assembly and the
  // HZ conversion constants. Their macros feed code, not cache predicates; present but empty,
  // so that preprocessing reaches the evidence.
  Out["include/generated/asm-offsets.h"] = "/* dcalias stand-in: no offsets */\n";
  Out["include/generated/timeconst.h"] = "/* dcalias stand-in: no HZ constants */\n";
  // Every other header the tree's top Kbuild and Makefile generate under include/generated
  // ("rq-offsets-file := include/generated/rq-offsets.h", "version_h := ..."): present, so that
  // preprocessing reaches the evidence; version.h with the tree's own version.
  for (const char *F : {"Kbuild", "Makefile"})
    for (const std::string &H : generatedHeaders(Tree, F))
      if (H != "include/generated/autoconf.h") // the configuration's, given with each probe
        Out.try_emplace(H, "/* dcalias stand-in for a header Kbuild generates */\n");
  for (const char *V : {"include/generated/uapi/linux/version.h", "include/linux/version.h"})
    if (auto It = Out.find(V); It != Out.end())
      It->second = versionHeader(Tree);
  return Out;
}

bool compilerIncludesFromMakefile(const std::string &Tree) {
  auto Buf = readOptionalTreeFile(Tree, "Makefile");
  return Buf && Buf->getBuffer().contains("-isystem $(shell $(CC) -print-file-name=include)");
}

} // namespace dcalias::archmodel
