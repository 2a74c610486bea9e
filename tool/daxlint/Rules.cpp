#include "daxlint/Rules.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonFile.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::daxlint {

std::string normalizedCallee(llvm::StringRef Name) {
  Name.consume_front("__builtin_");
  return Name.str();
}

namespace {
std::vector<int> ints(const llvm::json::Object &O, llvm::StringRef Key) {
  std::vector<int> Out;
  if (const llvm::json::Array *A = O.getArray(Key))
    for (const llvm::json::Value &V : *A)
      if (auto I = V.getAsInteger())
        Out.push_back(int(*I));
  return Out;
}
std::vector<std::string> strings(const llvm::json::Object &O, llvm::StringRef Key) {
  std::vector<std::string> Out;
  if (const llvm::json::Array *A = O.getArray(Key))
    for (const llvm::json::Value &V : *A)
      if (auto S = V.getAsString())
        Out.push_back(S->str());
  return Out;
}
} // namespace

llvm::Expected<LintRules> loadLintRules(const std::string &Path) {
  std::string File = Path.empty() ? dataDir() + "/rules/daxlint.json" : Path;
  auto Root = readJsonFile(File);
  if (!Root)
    return Root.takeError();
  const llvm::json::Object *O = Root->getAsObject();
  if (!O)
    return makeLocatedError({File, 0, 0}, "the top level must be an object");
  LintRules R;
  R.File = File;
  const llvm::json::Object *E = O->getObject("entry_points");
  if (!E)
    return makeLocatedError({File, 0, 0}, "entry_points: required object is missing");
  R.EntryFunctions = strings(*E, "functions");
  if (auto S = E->getString("ops_struct"))
    R.OpsStruct = S->str();
  const llvm::json::Array *Src = O->getArray("sources");
  if (!Src)
    return makeLocatedError({File, 0, 0}, "sources: required array is missing");
  for (size_t I = 0; I < Src->size(); ++I) {
    const llvm::json::Object *S = (*Src)[I].getAsObject();
    auto Name = S ? S->getString("name") : std::nullopt;
    if (!Name)
      return makeLocatedError({File, 0, 0}, "sources[" + std::to_string(I) + "].name: required string is missing");
    LintRules::Source X;
    X.OutArg = int(S->getInteger("out_arg").value_or(-1));
    X.PageArg = int(S->getInteger("page_arg").value_or(-1));
    X.RelatedOut = ints(*S, "related_out_args");
    if ((X.OutArg < 0) == (X.PageArg < 0))
      return makeLocatedError({File, 0, 0}, "sources[" + std::to_string(I) + "]: exactly one of out_arg and page_arg is needed");
    R.Sources[Name->str()] = X;
  }
  const llvm::json::Array *T = O->getArray("touches");
  if (!T)
    return makeLocatedError({File, 0, 0}, "touches: required array is missing");
  for (size_t I = 0; I < T->size(); ++I) {
    const llvm::json::Object *S = (*T)[I].getAsObject();
    auto Name = S ? S->getString("name") : std::nullopt;
    if (!Name)
      return makeLocatedError({File, 0, 0}, "touches[" + std::to_string(I) + "].name: required string is missing");
    R.Touches[Name->str()] = {ints(*S, "write"), ints(*S, "read")};
  }
  if (const llvm::json::Object *F = O->getObject("flushes"))
    for (const std::string &N : strings(*F, "functions"))
      R.Flushes.insert(N);
  if (R.Flushes.empty())
    return makeLocatedError({File, 0, 0}, "flushes.functions: at least one name is needed");
  if (const llvm::json::Object *F = O->getObject("not_flushes"))
    for (const std::string &N : strings(*F, "functions"))
      R.NotFlushes.insert(N);
  return R;
}

} // namespace dcalias::daxlint
