// archmodel/KbuildOverlay.h: headers that only a kernel build generates, made in memory.
//
// scripts/Makefile.asm-generic writes arch/<arch>/include/generated/{,uapi/}asm/X.h containing
// "#include <asm-generic/X.h>" for every generic-y of the arch's Kbuild and every mandatory-y
// of include/{,uapi/}asm-generic/Kbuild that the arch does not provide itself; its generated-y
// headers (syscall tables) are made by the arch's scripts. Reproduced here
// from the same Kbuild files; nothing is run and nothing is written to the tree.
#pragma once

#include <map>
#include <string>

namespace dcalias::archmodel {

// Tree-relative path -> contents, ready for ProbeRequest::Overlay.
// Also stand-ins for the headers the top Kbuild and Makefile generate under include/generated
// (bounds.h, asm-offsets.h, rq-offsets.h, linux/version.h, ...), read from those files.
std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch);

// Whether the tree's Makefile puts the compiler's own include directory on the path
// (5.10's NOSTDINC_FLAGS: -isystem $(shell $(CC) -print-file-name=include), for <stdarg.h>).
bool compilerIncludesFromMakefile(const std::string &Tree);

} // namespace dcalias::archmodel
