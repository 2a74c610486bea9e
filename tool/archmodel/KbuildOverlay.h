// archmodel/KbuildOverlay.h: headers that only a kernel build generates, made in memory.
//
// scripts/Makefile.asm-generic writes arch/<arch>/include/generated/{,uapi/}asm/X.h containing
// "#include <asm-generic/X.h>" for every generic-y of the arch's Kbuild and every mandatory-y
// of include/{,uapi/}asm-generic/Kbuild that the arch does not provide itself. Reproduced here
// from the same Kbuild files; nothing is run and nothing is written to the tree.
#pragma once

#include <map>
#include <string>

namespace dcalias::archmodel {

// Tree-relative path -> contents, ready for ProbeRequest::Overlay.
std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch);

} // namespace dcalias::archmodel
