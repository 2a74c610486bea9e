// report/AuditText.h: the audit as a terminal table.
//
// Contract: the default table is what a maintainer reads: one line per arch (verdict and the
// predicate) and one per CPU type (outcome, where it is defined, the arch version and the
// run-time reads), fitting 100 columns. With Evidence, each arch also gets its evidence, the
// Kconfig select, the tree's own predicate and DAX reachability, and each row its notes, the
// probe's compiler errors, the also-checked evidence, its select chain and the header
// definitions it used. Deterministic: the same model gives the same bytes.
#pragma once

#include "archmodel/Audit.h"
#include "report/AuditJson.h"

#include "llvm/Support/raw_ostream.h"

namespace dcalias::report {

struct AuditTextOptions {
  bool Evidence = false;
};

void writeAuditText(llvm::raw_ostream &OS, const AuditRun &Run, const AuditTextOptions &O);

// One configuration (audit --defconfig/--config): the fold, the arch define, the run-time
// reads and the CPU types the configuration enables.
void writeConfigAuditText(llvm::raw_ostream &OS, const archmodel::ConfigAudit &C,
                          const archmodel::CacheRule &Rule);

// Wraps lines longer than Width at spaces, the continuation four columns deeper; compiler
// diagnostics keep their lines as Clang printed them.
std::string fitColumns(llvm::StringRef Text, size_t Width = 100);

} // namespace dcalias::report
