#include "report/AuditShard.h"

#include "archmodel/ModelJson.h"
#include "report/JsonHeader.h"
#include "support/Diagnostics.h"

#include "llvm/Support/JSON.h"

#include <map>

namespace dcalias::report {

static constexpr llvm::StringLiteral Schema = "dcalias-audit-shard/1";

llvm::Expected<ShardSpec> parseShard(llvm::StringRef S) {
  auto [I, N] = S.split('/');
  ShardSpec Out;
  if (I.getAsInteger(10, Out.Index) || N.getAsInteger(10, Out.Count) || Out.Count == 0 || Out.Index == 0 ||
      Out.Index > Out.Count)
    return makeError("--shard takes I/N with 1 <= I <= N (e.g. 2/3), not '" + S + "'");
  return Out;
}

void writeAuditShard(llvm::raw_ostream &OS, const AuditShard &S) {
  llvm::json::OStream J(OS, 1);
  J.object([&] {
    writeJsonHeader(J, Schema);
    J.attributeObject("shard", [&] {
      J.attribute("index", S.Spec.Index);
      J.attribute("count", S.Spec.Count);
      J.attribute("arches_in_sweep", int64_t(S.Total));
    });
    writeTreeObject(J, S.TreeName, S.KernelVersion);
    J.attributeArray("entries", [&] {
      for (const ShardEntry &E : S.Entries)
        J.object([&] {
          J.attribute("position", int64_t(E.Position));
          J.attribute("arch", E.Arch);
          if (E.Model)
            J.attribute("model", archmodel::modelToJson(*E.Model));
          else
            J.attribute("error", E.Error);
        });
    });
  });
  OS << "\n";
}

llvm::Expected<AuditShard> mergeAuditShards(const std::vector<std::pair<std::string, std::string>> &Texts) {
  if (Texts.empty())
    return makeError("merge: no shard given");
  AuditShard Out;
  std::string Version;
  std::map<unsigned, std::string> SeenIndex;
  std::map<size_t, ShardEntry> ByPosition;
  for (const auto &[Name, Text] : Texts) {
    auto Bad = [&, &Name = Name](const llvm::Twine &Why) { return makeLocatedError({Name, 0, 0}, Why); };
    auto V = llvm::json::parse(Text);
    if (!V)
      return Bad("not JSON: " + llvm::toString(V.takeError()));
    const llvm::json::Object *O = V->getAsObject();
    if (!O || O->getString("schema") != std::optional<llvm::StringRef>(Schema))
      return Bad("not a " + Schema + " file (a shard is `dcalias audit --shard I/N` output)");
    const llvm::json::Object *Tool = O->getObject("tool"), *Shard = O->getObject("shard"),
                             *Tree = O->getObject("tree");
    const llvm::json::Array *Entries = O->getArray("entries");
    if (!Tool || !Shard || !Tree || !Entries || !Tool->getString("version") || !Shard->getInteger("index") ||
        !Shard->getInteger("count") || !Shard->getInteger("arches_in_sweep") || !Tree->getString("name") ||
        !Tree->getString("kernel_version"))
      return Bad("a field of the shard is missing or of another type");
    ShardSpec Spec{unsigned(*Shard->getInteger("index")), unsigned(*Shard->getInteger("count"))};
    size_t Total = size_t(*Shard->getInteger("arches_in_sweep"));
    std::string Ver = Tool->getString("version")->str();
    std::string TName = Tree->getString("name")->str(), KVer = Tree->getString("kernel_version")->str();
    if (SeenIndex.empty()) {
      Out.Spec = {1, Spec.Count};
      Out.Total = Total;
      Out.TreeName = TName;
      Out.KernelVersion = KVer;
      Version = Ver;
    } else if (Spec.Count != Out.Spec.Count || Total != Out.Total || TName != Out.TreeName ||
               KVer != Out.KernelVersion || Ver != Version) {
      return Bad("not of the same sweep as " + SeenIndex.begin()->second +
                 " (tool version, tree, shard count and arch count must all agree)");
    }
    if (Spec.Index == 0 || Spec.Index > Spec.Count)
      return Bad("shard index " + llvm::Twine(Spec.Index) + " of " + llvm::Twine(Spec.Count));
    if (auto [It, New] = SeenIndex.emplace(Spec.Index, Name); !New)
      return Bad("shard " + llvm::Twine(Spec.Index) + "/" + llvm::Twine(Spec.Count) + " again (also " +
                 It->second + ")");
    for (const llvm::json::Value &EV : *Entries) {
      const llvm::json::Object *E = EV.getAsObject();
      if (!E || !E->getInteger("position") || !E->getString("arch"))
        return Bad("an entry without its position or arch");
      ShardEntry X;
      X.Position = size_t(*E->getInteger("position"));
      X.Arch = E->getString("arch")->str();
      if (X.Position >= Total || !inShard(Spec, X.Position))
        return Bad("entry " + X.Arch + " at position " + llvm::Twine(X.Position) + " is not this shard's");
      if (const llvm::json::Value *M = E->get("model")) {
        X.Model = archmodel::modelFromJson(*M);
        if (!X.Model || X.Model->Audit.Arch != X.Arch)
          return Bad("the model of " + X.Arch + " is malformed");
      } else if (auto Err = E->getString("error")) {
        X.Error = Err->str();
      } else {
        return Bad("entry " + X.Arch + " has neither a model nor an error");
      }
      if (!ByPosition.emplace(X.Position, std::move(X)).second)
        return Bad("position " + llvm::Twine(E->getInteger("position").value()) + " twice");
    }
  }
  for (unsigned I = 1; I <= Out.Spec.Count; ++I)
    if (!SeenIndex.count(I))
      return makeError("merge: shard " + llvm::Twine(I) + "/" + llvm::Twine(Out.Spec.Count) + " is missing");
  if (ByPosition.size() != Out.Total)
    return makeError("merge: the shards hold " + llvm::Twine(ByPosition.size()) + " of the sweep's " +
                     llvm::Twine(Out.Total) + " arches");
  for (auto &[P, E] : ByPosition)
    Out.Entries.push_back(std::move(E));
  return Out;
}

} // namespace dcalias::report
