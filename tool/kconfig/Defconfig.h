// kconfig/Defconfig.h: which file `make ARCH=a defconfig` / `make foo_defconfig` reads.
#pragma once

#include "support/Diagnostics.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias::kconfig {

// KBUILD_DEFCONFIG of the arch Makefile, evaluated for ARCH the way make would (ifeq on
// $(ARCH), $(if ...)/$(filter ...) over the host's `uname -m`); "defconfig" when unset.
std::string kbuildDefconfig(const std::string &Tree, const std::string &Arch,
                            const std::string &SrcArch);

// What `make <name>` feeds conf.
struct DefconfigInput {
  std::string Label; // file or target name
  std::string Path;  // file read, or the base file of a merged target
  std::string Text;  // the configuration text conf reads
  bool Merged = false; // a merge_into_defconfig target: conf runs olddefconfig, not defconfig
  // mips generic targets: board fragments merged after a first olddefconfig, each only if its
  // "# require CONFIG_X=y|n" lines hold in that reference configuration
  // (arch/mips/tools/generic-board-config.sh).
  std::vector<std::string> Boards;
  // An arch Makefile target "$(MAKE) -f $(srctree)/Makefile <target> X.config ...": each
  // fragment is merged into the resulting .config, then olddefconfig (riscv rv32_defconfig).
  std::vector<std::string> Fragments;
};

class Kconfig;
enum class Mode;
// Evaluates In the way `make <target>` does (readConfig + mode, or the merge flows) and
// returns the .config text.
llvm::Expected<std::string> evaluateInput(Kconfig &K, const DefconfigInput &In, Mode M,
                                          DiagList &Diags);

// Resolves a name as make does: "defconfig" -> KBUILD_DEFCONFIG; "foo_defconfig" or "foo" ->
// arch/<srcarch>/configs/foo_defconfig; an arch Makefile target written as
// $(call merge_into_defconfig[_override],base,fragments) -> base merged with the fragments the
// way scripts/kconfig/merge_config.sh -m does (no script is run); an existing path as given.
llvm::Expected<DefconfigInput> resolveDefconfig(const std::string &Tree, const std::string &Arch,
                                                const std::string &SrcArch,
                                                const std::string &Name);

// merge_config.sh -m: each fragment's symbols replace earlier lines for them; fragments are
// appended after an empty line.
std::string mergeFragments(const std::string &Base, const std::vector<std::string> &Fragments);

// The host's SUBARCH as the top Makefile derives it from `uname -m`.
std::string hostSubArch();

// All arch/<srcarch>/configs/*_defconfig names (sorted), and "defconfig" if present.
std::vector<std::string> defconfigsOf(const std::string &Tree, const std::string &SrcArch);

} // namespace dcalias::kconfig
