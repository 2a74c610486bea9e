// report/AuditJson.h: the audit as JSON, schema "dcalias-audit/1" (schemas/audit.schema.json,
// documented field by field in docs/json-reports.md).
//
// Contract: deterministic output (fixed key order, arrays in the model's order, tree-relative
// paths only), so the same tree gives byte-identical JSON on every machine and run.
#pragma once

#include "archmodel/Audit.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

struct AuditRun {
  std::string TreeName;      // basename of the tree (no absolute paths in reports)
  std::string KernelVersion; // from the tree's Makefile
  std::vector<archmodel::ArchAudit> Arches;
};

void writeAuditJson(llvm::raw_ostream &OS, const AuditRun &Run);

// audit --defconfig/--config --format json: one configuration of each arch given, schema
// "dcalias-audit-config/1" (the same schema file's other shape).
struct ConfigRun {
  std::string TreeName, KernelVersion;
  struct Entry {
    archmodel::ConfigAudit Audit;
    std::string DefineName; // the rule's Makefile-derived define, "" when it has none
  };
  std::vector<Entry> Configurations;
};
void writeConfigAuditJson(llvm::raw_ostream &OS, const ConfigRun &Run);

} // namespace dcalias::report
