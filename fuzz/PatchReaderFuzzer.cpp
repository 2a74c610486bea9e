// libFuzzer target: the patch/mbox reader (ci/PatchSet.h) on arbitrary bytes, applied to a small
// tree it writes once. Whatever the input, it must return a PatchSet or an Error, never crash or
// hang, and a PatchSet never names a file outside the tree (a path with "..", an absolute path,
// or one through the symbolic link the tree holds).
#include "ci/PatchSet.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

static std::string Tree;

static void put(const std::string &Rel, const char *Text) {
  llvm::SmallString<256> P(Tree);
  llvm::sys::path::append(P, Rel);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
  std::ofstream(std::string(P)) << Text;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("dcalias-fuzz-tree", Dir))
    std::abort();
  Tree = std::string(Dir);
  put("fs/Kconfig", "config FS_DAX\n\tbool \"File system based Direct Access (DAX) support\"\n"
                    "\tdepends on MMU\n");
  put("fs/dax.c", "// SPDX-License-Identifier: GPL-2.0\n#include <linux/dax.h>\n\nint x;\n");
  put("arch/arm/Kconfig", "config ARM\n\tbool\n\tdefault y\n");
  put("empty", "");
  llvm::sys::fs::create_link("/tmp", Tree + "/outside");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto P = dcalias::ci::applyPatch(Tree, Text, "fuzz.patch");
  if (!P) {
    llvm::consumeError(P.takeError());
    return 0;
  }
  for (const auto &[Path, State] : P->Files) {
    llvm::StringRef R(Path);
    if (R.empty() || R.starts_with("/") || R.starts_with("../") || R.contains("/../") || R == ".." ||
        R.starts_with("outside/"))
      __builtin_trap();
    (void)State;
  }
  return 0;
}
