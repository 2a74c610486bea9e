#include "archmodel/AliasWork.h"

#include "support/DataDir.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"

#include <map>
#include <mutex>

namespace dcalias::archmodel {

llvm::Expected<AliasWork> parseAliasWork(const llvm::json::Value &Root, const std::string &File) {
  // The schema makes every field present and of its type.
  if (llvm::Error E = validateRuleFile(Root, "alias-work", File))
    return E;
  const llvm::json::Object &O = *Root.getAsObject()->getObject("overrule");
  AliasWork W;
  W.Cite = O.getString("cite")->str();
  W.Says = O.getString("says")->str();
  W.PPExpr = O.getString("pp_expr")->str();
  for (const llvm::json::Value &H : *O.getArray("headers"))
    W.Headers.push_back(H.getAsString()->str());
  return W;
}

llvm::Expected<AliasWork> loadAliasWork(const std::string &Path) {
  // Every arch's audit asks: the file is read once per process.
  static std::mutex Lock;
  static std::map<std::string, AliasWork> Loaded;
  std::string File = Path.empty() ? dataDir() + "/rules/alias-work.json" : Path;
  std::lock_guard<std::mutex> G(Lock);
  if (auto It = Loaded.find(File); It != Loaded.end())
    return It->second;
  auto Root = readJsonFile(File);
  if (!Root)
    return Root.takeError();
  auto W = parseAliasWork(*Root, File);
  if (!W)
    return W.takeError();
  return Loaded.emplace(File, std::move(*W)).first->second;
}

} // namespace dcalias::archmodel
