// kconfig/Defconfig.h: which file `make ARCH=a defconfig` / `make foo_defconfig` reads.
#pragma once

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias::kconfig {

// KBUILD_DEFCONFIG of the arch Makefile, evaluated for ARCH the way make would (ifeq on
// $(ARCH), $(if ...)/$(filter ...) over the host's `uname -m`); "defconfig" when unset.
std::string kbuildDefconfig(const std::string &Tree, const std::string &Arch,
                            const std::string &SrcArch);

// Resolves a name as make does: "defconfig" -> KBUILD_DEFCONFIG; "foo_defconfig" or "foo" ->
// arch/<srcarch>/configs/foo_defconfig; an existing path is used as given. Returns the path.
llvm::Expected<std::string> resolveDefconfig(const std::string &Tree, const std::string &Arch,
                                             const std::string &SrcArch, const std::string &Name);

// All arch/<srcarch>/configs/*_defconfig names (sorted), and "defconfig" if present.
std::vector<std::string> defconfigsOf(const std::string &Tree, const std::string &SrcArch);

} // namespace dcalias::kconfig
