// archmodel/Audit.h: per architecture and CPU type, can the data cache alias?
//
// Contract: for an arch with a rule, enumerate its CPU types from Kconfig, build each type's
// configuration, and probe the rule's predicate with Clang (CacheProbe.h): constant true
// (always aliases), constant false (never), or run-time; a row that can alias is then weighed
// against the kernel's own alias work (AliasWork.h), which may overrule it to never. The
// combination of all CPU types in one image is probed too. The arch verdict follows: none (never everywhere), static (constant
// in every configuration probed), dynamic (some configuration needs the run-time probe).
// Every answer carries its evidence: the select chain from Kconfig and the probe's IR.
#pragma once

#include "archmodel/CacheProbe.h"
#include "archmodel/CpuTypes.h"
#include "archmodel/Rules.h"
#include "kconfig/Kconfig.h"
#include "kconfig/Reachability.h"

#include <string>
#include <vector>

namespace dcalias::archmodel {

// Unreachable: a CPU type no configuration of the arch can enable (SAT over its Kconfig); its
// row does not count toward the arch's verdict.
enum class Alias { Never, Always, Runtime, Unknown, Unreachable };
const char *aliasName(Alias A);

enum class Verdict { None, Static, Dynamic, Unknown };
const char *verdictName(Verdict V);

struct CpuVerdict {
  std::string Name;          // Kconfig symbol, or "all CPU types" for the combined image
  kconfig::KLoc Defined;
  Alias Result = Alias::Unknown;
  std::string DefineValue;   // the Makefile-derived define (e.g. __LINUX_ARM_ARCH__)
  std::vector<std::string> Selects; // the cache-relevant part of the select closure, "A -> B (file:line)"
  std::vector<std::string> Loads;   // run-time: globals the predicate reads
  // Header evidence: "NAME file:line" of each macro definition used by the predicate and the
  // inline functions it calls, then those functions and the globals read.
  std::vector<std::string> Definitions;
  std::string Probe;                // which probe applied (its expression)
  Alias Existing = Alias::Unknown;  // the tree's own cpu_dcache_is_aliasing() here (6.9+ trees)
  std::string ExistingError;
  // The tree's own cpu_icache_is_aliasing() here, where include/linux/cacheinfo.h has it.
  Alias ExistingICache = Alias::Unknown;
  std::string ExistingICacheError;
  std::string Error;         // Unknown: why (missing header/macro: the probe's diagnostics)
  // Probes of the rule skipped for this row because they did not compile in this tree (the
  // first error of each: a cited name missing, ...), so the evidence used is the next probe's.
  std::vector<std::string> Notes;
  // The rule's also_check evidence for this row: "agrees: <probe> is <alias> (<cite>)" or
  // "points the other way: ...", or "not checked: <first error>".
  std::vector<std::string> AlsoChecked;
  // The deciding probe said the cache can alias and the kernel's own alias work says it does
  // not (AliasWork.h): what was overruled, by what, where. Result is then Never.
  std::string Overruled;
  // Result is Unreachable: the dependency that blocks it and what the probe said regardless.
  std::string Unreachable;
};

struct ArchAudit {
  std::string Arch;
  bool Generic = false; // judged by rules/cache-models/generic.json only
  Verdict Result = Verdict::Unknown;
  std::string Expr, ExprCite, CpuCite, DefineCite;
  std::string DecidingCite; // the cites of the probes that decided a row in this tree
  std::vector<CpuVerdict> Cpus;
  CpuVerdict Combined; // all CPU types in one image; empty Name when the rule has no CPU types
  // Trees that already have mainline's predicate (include/linux/cacheinfo.h defines the
  // generic cpu_dcache_is_aliasing()): its value beside the model's, row by row.
  bool HasExisting = false;
  std::string ExistingCite;
  // Trees whose cacheinfo.h also has cpu_icache_is_aliasing() (7.x): its value per row, and
  // whether the arch defines it (otherwise it is the D-cache answer by definition).
  bool HasICache = false, ArchDefinesICache = false;
  std::string ICacheCite;
  std::string Comparison; // exact | conservative | unsafe | unknown
  // Can FS_DAX, DEV_DAX, BLK_DEV_PMEM, ZONE_DEVICE be enabled in any configuration (SAT)?
  std::vector<kconfig::Reach> Dax;
};

// Probing something else than the rule's predicate with the same configurations, targets and
// include paths: a patched asm/cachetype.h (Replace, in memory) and the macro it defines.
struct ProbeOverride {
  std::map<std::string, std::string> Replace;
  std::vector<std::string> Headers;
  std::string Expr;
};

llvm::Expected<ArchAudit> auditArch(kconfig::FileCache &Files, const std::string &Arch,
                                    const CacheRule &Rule, DiagList &Diags,
                                    const ProbeOverride *Override = nullptr);

// The Kconfig condition under which the arch's cache can alias: the aliasing rows' CPU-type
// symbols ("CPU_CK610", "A || B"; an unknown row counts as aliasing), when every row is a
// Kconfig symbol and some never alias. Empty otherwise. `dcalias patch`
// writes it as "select ... if <condition>".
std::vector<std::string> aliasingCondition(const ArchAudit &A);

// One arch's model as the later stages use it: its audit, the rule it came from, and whether
// that rule is only the generic fallback.
struct ArchModel {
  ArchAudit Audit;
  CacheRule Rule;
  bool Generic = false;
  DiagList Diags; // what auditing it reported (the tree's Kconfig warnings, ...)
};

// The arch directories of the tree (those with a Kconfig), sorted.
std::vector<std::string> archDirsOf(const std::string &Tree);

// The rule an ARCH is judged by: rules/cache-models/<srcarch>.json from RulesDir (empty: the
// data dir), else generic.json (Generic set); an error when neither exists or one does not load.
llvm::Expected<CacheRule> ruleForArch(kconfig::FileCache &Files, const std::string &Arch,
                                      const std::string &RulesDir, bool &Generic);

class ModelCache;

// The model of each of Arches (ARCH spellings or arch directories; rules from RulesDir,
// generic.json where an arch has none), audited in parallel on Jobs threads (0: all cores),
// each taken from Cache when it holds a model still valid and stored there when computed.
// One result per arch, in the order given: a rule that does not load, an arch with neither
// its own rule nor generic.json, or an audit that fails is that arch's error alone.
// The progress line on a terminal is labelled Label ("dcalias <Label>: 3/22 architectures").
std::vector<llvm::Expected<ArchModel>> modelArches(kconfig::FileCache &Files,
                                                   const std::vector<std::string> &Arches,
                                                   const std::string &RulesDir, unsigned Jobs,
                                                   const char *Label = "arch model",
                                                   ModelCache *Cache = nullptr);

// The model of every arch directory of the tree; the first arch's error fails the whole.
llvm::Expected<std::vector<ArchModel>> modelAllArches(kconfig::FileCache &Files,
                                                      const std::string &RulesDir, unsigned Jobs,
                                                      ModelCache *Cache = nullptr);

// One configuration (a defconfig or .config as make would evaluate it): the predicate's
// fold, and which of the arch's CPU types the configuration enables.
struct ConfigAudit {
  std::string Arch, Label;
  CpuVerdict Result;
  std::vector<std::string> CpuTypes; // enabled CPU-type symbols (when the rule has a dimension)
};
// Cache: taken from it while still valid, stored in it when computed (nullptr: neither).
llvm::Expected<ConfigAudit> auditConfig(kconfig::FileCache &Files, const std::string &Arch,
                                        const CacheRule &Rule, const std::string &Config,
                                        DiagList &Diags, ModelCache *Cache = nullptr);

} // namespace dcalias::archmodel
