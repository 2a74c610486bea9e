#include "archmodel/KbuildOverlay.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <set>
#include <vector>

namespace dcalias::archmodel {

namespace {
// A Makefile or Kbuild file's lines (none when it cannot be read).
std::vector<std::string> fileLines(const std::string &Path) {
  std::vector<std::string> Out;
  if (auto Buf = llvm::MemoryBuffer::getFile(Path)) {
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    (*Buf)->getBuffer().split(Lines, '\n');
    for (llvm::StringRef L : Lines)
      Out.push_back(L.str());
  }
  return Out;
}

// The names listed as "<Var> += a.h b.h" in a Kbuild file.
std::vector<std::string> kbuildList(const std::string &Path, llvm::StringRef Var) {
  std::vector<std::string> Out;
  for (const std::string &Line : fileLines(Path)) {
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

// Headers a top-level Kbuild/Makefile assigns to a variable: "name := include/generated/x.h".
std::vector<std::string> generatedHeaders(const std::string &Path) {
  std::vector<std::string> Out;
  for (const std::string &Line : fileLines(Path)) {
    auto [Name, Value] = llvm::StringRef(Line).split(":=");
    Value = Value.trim();
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
  std::vector<std::string> Lines = fileLines(Tree + "/Makefile");
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
  std::string Kbuild = Tree + "/" + Src + "/Kbuild";
  std::vector<std::string> GenericY = kbuildList(Kbuild, "generic-y");
  std::vector<std::string> Generated = kbuildList(Kbuild, "generated-y");
  std::set<std::string> GeneratedSet(Generated.begin(), Generated.end());
  if (Mandatory)
    for (const std::string &H : kbuildList(Tree + "/" + Generic + "/Kbuild", "mandatory-y"))
      if (!GeneratedSet.count(H) && !llvm::sys::fs::exists(Tree + "/" + Src + "/" + H))
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

std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch) {
  std::map<std::string, std::string> Out;
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
    for (const std::string &H : generatedHeaders(Tree + "/" + F))
      if (H != "include/generated/autoconf.h") // the configuration's, given with each probe
        Out.try_emplace(H, "/* dcalias stand-in for a header Kbuild generates */\n");
  for (const char *V : {"include/generated/uapi/linux/version.h", "include/linux/version.h"})
    if (auto It = Out.find(V); It != Out.end())
      It->second = versionHeader(Tree);
  return Out;
}

bool compilerIncludesFromMakefile(const std::string &Tree) {
  auto Buf = llvm::MemoryBuffer::getFile(Tree + "/Makefile");
  return Buf && (*Buf)->getBuffer().contains("-isystem $(shell $(CC) -print-file-name=include)");
}

} // namespace dcalias::archmodel
