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
#include <vector>

namespace dcalias::archmodel {

// Tree-relative path -> contents, ready for ProbeRequest::Overlay.
// Also stand-ins for the headers the top Kbuild and Makefile generate under include/generated
// (bounds.h, asm-offsets.h, rq-offsets.h, linux/version.h, ...), read from those files.
std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch);

// The -I directories the arch Makefile adds to KBUILD_CPPFLAGS, then KBUILD_CFLAGS, outside
// any conditional: tree-relative, or "$(objtree)/..." for generated ones, in command-line
// order after LINUXINCLUDE. Variables are expanded from the Makefile's own unconditional
// assignments, SUBARCH the host's (um: its host arch's include/, include/uapi, generated and
// shared directories, HEADER_ARCH := $(SUBARCH)). A token with anything left unexpanded (a
// function call, a pattern, a configuration-dependent list such as cflags-y) is skipped: the
// rules cover those.
std::vector<std::string> archCppflagsIncludes(const std::string &Tree, const std::string &SrcArch);

// Whether the tree's Makefile puts the compiler's own include directory on the path
// (5.10's NOSTDINC_FLAGS: -isystem $(shell $(CC) -print-file-name=include), for <stdarg.h>).
bool compilerIncludesFromMakefile(const std::string &Tree);

} // namespace dcalias::archmodel
