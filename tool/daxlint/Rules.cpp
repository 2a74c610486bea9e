#include "daxlint/Rules.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"

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
  return parseLintRules(*Root, File);
}

llvm::Expected<LintRules> parseLintRules(const llvm::json::Value &Root, const std::string &File) {
  // The schema makes every check of shape (a misspelt key is a located error); what is left is
  // reading the values.
  if (llvm::Error E = validateRuleFile(Root, "daxlint", File))
    return std::move(E);
  const llvm::json::Object &O = *Root.getAsObject();
  LintRules R;
  R.File = File;
  const llvm::json::Object &E = *O.getObject("entry_points");
  R.EntryFunctions = strings(E, "functions");
  if (auto S = E.getString("ops_struct"))
    R.OpsStruct = S->str();
  for (const llvm::json::Value &V : *O.getArray("sources")) {
    const llvm::json::Object &S = *V.getAsObject();
    LintRules::Source X;
    X.OutArg = int(S.getInteger("out_arg").value_or(-1));
    X.PageArg = int(S.getInteger("page_arg").value_or(-1));
    X.RelatedOut = ints(S, "related_out_args");
    R.Sources[S.getString("name")->str()] = X;
  }
  for (const llvm::json::Value &V : *O.getArray("touches")) {
    const llvm::json::Object &S = *V.getAsObject();
    R.Touches[S.getString("name")->str()] = {ints(S, "write"), ints(S, "read")};
  }
  for (const std::string &N : strings(*O.getObject("flushes"), "functions"))
    R.Flushes.insert(N);
  if (const llvm::json::Object *F = O.getObject("not_flushes"))
    for (const std::string &N : strings(*F, "functions"))
      R.NotFlushes.insert(N);
  return R;
}

} // namespace dcalias::daxlint
