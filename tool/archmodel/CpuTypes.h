// archmodel/CpuTypes.h: the CPU types of an architecture, from its Kconfig graph.
//
// A CPU type is a bool symbol defined in the rule's Kconfig file whose select closure reaches
// the rule's marker symbols (ARM: a core reaching CPU_32v*). Its configuration is the arch's
// allnoconfig baseline plus the select closure of the type (selects whose "if" holds there),
// which is what the cache headers see of it.
#pragma once

#include "archmodel/Rules.h"
#include "kconfig/Kconfig.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dcalias::archmodel {

struct SelectStep {
  kconfig::Symbol *From, *To;
  kconfig::KLoc Where; // the select line
};

struct CpuType {
  kconfig::Symbol *Sym;
  std::vector<SelectStep> Closure; // in discovery order (breadth first)
  std::set<kconfig::Symbol *> Enabled; // the type and everything it selects
};

// Baseline values (symbol name -> "y"/"m"/"n"/string) of the configuration the types extend.
using Values = std::map<std::string, std::string>;

Values baselineValues(kconfig::Kconfig &K);
// The values of the configuration K holds now (after an evaluation).
Values currentValues(kconfig::Kconfig &K);
// allnoconfig with Seed read first (KCONFIG_ALLCONFIG style: "CONFIG_X=y\n" lines).
llvm::Expected<Values> seededAllnoconfig(kconfig::Kconfig &K, const std::string &Seed,
                                         const std::string &SeedName);
// The options of a choice member that allnoconfig turned off although choosing the member
// offers them on by default (visible, "default y", depending on Member): xtensa's custom
// variant and its XTENSA_VARIANT_MMU. As "CONFIG_X=y\n" seed lines; K holds the member's
// allnoconfig.
std::string memberDefaults(kconfig::Kconfig &K, kconfig::Symbol *Member);
std::vector<CpuType> enumerateCpuTypes(kconfig::Kconfig &K, const CacheRule::CpuTypes &R,
                                       const Values &Baseline);
// Closure of several symbols together (a multi-CPU image).
CpuType combine(kconfig::Kconfig &K, const std::vector<kconfig::Symbol *> &Syms,
                const Values &Baseline);

// include/generated/autoconf.h for Baseline with Enabled forced to y.
std::string autoconfFor(kconfig::Kconfig &K, const Values &Baseline,
                        const std::set<kconfig::Symbol *> &Enabled);

// A Makefile define chosen by config ("arch-$(CONFIG_X) =-DNAME=V", later lines win, inside
// "ifeq ($(CONFIG_Y),y)" blocks as make evaluates them). Empty if no line applies.
std::string makefileDefine(const std::string &Tree, const CacheRule::MakefileDefine &D,
                           const std::function<bool(llvm::StringRef)> &IsY);

} // namespace dcalias::archmodel
