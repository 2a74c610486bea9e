// archmodel/Rules.h: rules/cache-models/<arch>.json, where an arch keeps its cache evidence.
//
// A rule names headers, a candidate predicate, the Kconfig symbols that form the CPU-type
// dimension and Makefile-derived defines, each with a citation of the tree location it relies
// on. It never states a verdict. Loading errors name the file and the field.
#pragma once

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace dcalias::archmodel {

struct CacheRule {
  std::string File; // the rule file, for messages
  std::string Arch; // SRCARCH
  std::string SubjectPrefix; // the arch's commit subject prefix ("ARM"); empty: Arch
  struct Probe {
    std::string Cite, Target, Target64, Expr; // Target64: used where CONFIG_64BIT=y
    std::string PPExpr;   // a preprocessor condition instead of Expr (e.g. defined(X))
    std::string IfConfig; // this probe applies where CONFIG_<IfConfig>=y (first match wins)
    std::vector<std::string> Headers, Defines, Undefines, IncludeDirs;
    std::vector<std::string> Declarations; // C declarations the probe adds (cite where they live)
    // Headers the arch's own cross compiler ships (nds32's nds32_intrinsic.h), which the probe
    // has no copy of: present and empty, so that preprocessing reaches the evidence.
    std::vector<std::string> CompilerHeaders;
    std::vector<std::string> ExistingHeaders; // included before asm/cachetype.h when probing the
                                              // tree's own cpu_dcache_is_aliasing()
    // The probe applies only where this tree file contains this text (evidence that is code,
    // not a macro: arc's boot-time refusal of an aliasing D$ in arch/arc/mm/cache.c).
    std::string RequiresFile, RequiresText;
    bool CompilerInclude = false; // the arch Makefile adds the compiler's include directory
  };
  // "probe": one object, or an array tried in order. The first whose if_config and
  // requires_text hold is compiled; when it does not compile in this tree (a cited name is
  // missing, or a stand-in target cannot parse the headers' C), the next applicable one is
  // tried and the failure is reported in the row's notes.
  std::vector<Probe> Probes;
  // "also_check": further evidence probed beside the deciding probe in every row and reported
  // as agreeing or pointing the other way; it never changes the verdict.
  std::vector<Probe> AlsoCheck;
  // What the arch's asm/cachetype.h should define, where the probes cannot say it themselves
  // (a probe declaring a stand-in for a variable whose header does not parse for Clang).
  struct PredicateDef {
    std::string Cite, Expr;
    std::vector<std::string> Headers, Declarations;
  };
  std::optional<PredicateDef> Predicate;
  struct Configuration {
    std::string Name, Seed, Cite; // Seed: .config lines applied before allnoconfig
  };
  std::vector<Configuration> Configurations; // replaces allnoconfig/defconfig when no CPU types
  struct MakefileDefine {
    std::string Cite, File, Variable, Define; // Variable: informational (its name varies)
  };
  std::optional<MakefileDefine> MakeDefine;
  // "<var>-$(CONFIG_X) += -I$(srctree)/<dir>" lines in these Makefiles (a glob, e.g.
  // arch/mips/*/Platform) add <dir> where CONFIG_X=y, before the probe's own include_dirs.
  struct MakefileIncludes {
    std::string Cite, Glob;
  };
  std::optional<MakefileIncludes> MakeIncludes;
  struct CpuTypes {
    std::string Cite, File, NamePrefix, ReachesPrefix;
    // Or: the members of the Kconfig choice containing this symbol, each evaluated as
    // allnoconfig with that member chosen (xtensa variants, SH subtypes, MIPS system types).
    std::string ChoiceOf;
    // A member whose configuration needs a string naming a directory (xtensa's custom
    // variant): one configuration per subdirectory of FromDirs, with Symbol set to its name.
    struct Expand {
      std::string When, Symbol, FromDirs;
    };
    std::optional<Expand> ExpandMember;
  };
  std::optional<CpuTypes> Cpus;
  // "commit_evidence": what a commit message may say about the tree, each fact tied to a text
  // its file contains (Anchor, one line's substring; its line is cited, and a fact whose
  // anchor this tree lacks is not said). Quote: the anchor is quoted after Says.
  struct CommitFact {
    std::string File, Anchor, Says;
    bool Quote = false;
  };
  std::vector<CommitFact> CommitEvidence;
};

// Whether a probe's requires_text holds in this tree (true when it has none).
bool requiredTextHolds(const std::string &Tree, const CacheRule::Probe &P);

llvm::Expected<CacheRule> parseCacheRule(llvm::StringRef Text, const std::string &File);
// <Dir>/<srcarch>.json, Dir defaulting to rules/cache-models of the data directory;
// std::nullopt if there is none.
llvm::Expected<std::optional<CacheRule>> loadCacheRule(const std::string &SrcArch,
                                                       const std::string &Dir = "");

} // namespace dcalias::archmodel
