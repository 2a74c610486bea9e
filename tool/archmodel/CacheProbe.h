// archmodel/CacheProbe.h: does a cache predicate fold to a constant for one configuration?
//
// Contract: builds a tiny translation unit in memory ("#include <asm/cachetype.h>" and a
// function returning the candidate predicate), compiles it with Clang against the tree's arch
// include paths, the configuration's CONFIG_ macros (an autoconf.h produced by the Kconfig
// engine, overlaid in memory) and the arch's own defines, lowers it to LLVM IR and runs the -O2
// pipeline. The function then either returns a constant (the predicate is decided by the
// configuration) or loads something (decided at run time; the loaded globals are reported).
// The tree is only read. Clang needs no backend for the arch: a stand-in target of the same
// pointer size and the arch's predefined macros serve for preprocessing and folding.
#pragma once

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace dcalias::archmodel {

struct ProbeRequest {
  std::string Tree;                   // absolute path of the kernel tree
  std::string SrcArch;                // arch/<SrcArch>
  std::string Target;                 // clang triple (real or stand-in)
  std::vector<std::string> Defines;   // NAME or NAME=VALUE (arch predefines, __LINUX_ARM_ARCH__)
  std::vector<std::string> Undefines; // stand-in target macros to drop
  std::vector<std::string> IncludeDirs; // extra, tree-relative (platform override directories),
                                        // or "$(objtree)/..." (generated, in the overlay)
  std::string Autoconf;               // include/generated/autoconf.h text for the configuration
  std::map<std::string, std::string> Overlay; // tree-relative path -> text (generated headers)
  std::vector<std::string> Headers;   // <...> names included by the probe, in order
  std::string Expr;                   // the candidate predicate, a C expression
  std::string PPExpr;                 // or a preprocessor condition (#if)
  std::vector<std::string> Declarations; // added after the headers
  bool CompilerInclude = false; // -isystem Clang's own include directory, last
  // Tree files replaced in memory (tree-relative path -> text): a patched header probed
  // without writing the tree.
  std::map<std::string, std::string> Replace;
};

enum class Fold { ConstTrue, ConstFalse, Runtime };

struct ProbeResult {
  Fold Result = Fold::Runtime;
  std::vector<std::string> Loads; // globals the predicate reads (and functions it calls, as f())
  std::string IR;                 // the optimised probe function, for the evidence trail
  // The header evidence a reviewer follows: "NAME file:line" of each macro definition the
  // predicate and the inline functions it calls expanded, then those functions and globals.
  std::vector<std::string> Macros;
};

// Errors carry Clang's diagnostics ("file:line:col: error: ..."). With DCALIAS_PROBE_DEBUG set
// in the environment the clang arguments and the probe source are printed on stderr.
llvm::Expected<ProbeResult> runProbe(const ProbeRequest &R);

const char *foldName(Fold F);
unsigned probesRun(); // probes compiled so far in this process (for summaries and benchmarks)

} // namespace dcalias::archmodel
