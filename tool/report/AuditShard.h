// report/AuditShard.h: one shard of an audit sweep (`dcalias audit --shard I/N`), schema
// "dcalias-audit-shard/1" (schemas/audit-shard.schema.json), and their merge (`dcalias merge`).
//
// Contract: the arches of a sweep, in the order the unsharded audit takes them, are dealt to
// N shards round-robin (position P to shard P mod N + 1). A shard holds, per arch it was dealt,
// its position and its model (archmodel/ModelJson.h) or the error that arch gave. The merge of
// the N shards of one sweep (same tool version, tree and count; each index once; every
// position once) is the unsharded run: the same models in the same order, so the audit's own
// writers give byte for byte what the unsharded audit writes. A set of shards that is not one
// sweep is an error naming the file that does not fit.
#pragma once

#include "archmodel/Audit.h"
#include "report/AuditJson.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace dcalias::report {

struct ShardSpec {
  unsigned Index = 1, Count = 1; // 1-based
};
// "I/N" with 1 <= I <= N.
llvm::Expected<ShardSpec> parseShard(llvm::StringRef S);
// Whether position P of the sweep is this shard's.
inline bool inShard(const ShardSpec &S, size_t P) { return P % S.Count + 1 == S.Index; }

// One arch of a sweep: its model, or the error auditing it gave (printed as the audit prints it).
struct ShardEntry {
  size_t Position = 0;
  std::string Arch;
  std::optional<archmodel::ArchModel> Model;
  std::string Error;
};

struct AuditShard {
  ShardSpec Spec;
  size_t Total = 0; // arches in the whole sweep
  std::string TreeName, KernelVersion;
  std::vector<ShardEntry> Entries;
};

void writeAuditShard(llvm::raw_ostream &OS, const AuditShard &S);

// Texts: (name for messages, contents) of each shard file. The entries of the whole sweep, in
// its order, with the tree's name and version.
llvm::Expected<AuditShard> mergeAuditShards(const std::vector<std::pair<std::string, std::string>> &Texts);

} // namespace dcalias::report
