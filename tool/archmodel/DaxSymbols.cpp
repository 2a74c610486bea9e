#include "archmodel/DaxSymbols.h"

#include "support/DataDir.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"

#include <map>
#include <mutex>

namespace dcalias::archmodel {

llvm::Expected<DaxSymbols> parseDaxSymbols(const llvm::json::Value &Root, const std::string &File) {
  // The schema makes both lists present and made of names.
  if (llvm::Error E = validateRuleFile(Root, "dax", File))
    return E;
  auto names = [&](llvm::StringRef Key) {
    std::vector<std::string> Out;
    for (const llvm::json::Value &V : *Root.getAsObject()->getArray(Key))
      Out.push_back(V.getAsString()->str());
    return Out;
  };
  return DaxSymbols{names("dax_symbols"), names("reachability_symbols")};
}

llvm::Expected<DaxSymbols> loadDaxSymbols(const std::string &Path) {
  // Every arch's audit asks: the file is read once per process.
  static std::mutex Lock;
  static std::map<std::string, DaxSymbols> Loaded;
  std::string File = Path.empty() ? dataDir() + "/rules/dax.json" : Path;
  std::lock_guard<std::mutex> G(Lock);
  if (auto It = Loaded.find(File); It != Loaded.end())
    return It->second;
  auto Root = readJsonFile(File);
  if (!Root)
    return Root.takeError();
  auto D = parseDaxSymbols(*Root, File);
  if (!D)
    return D.takeError();
  return Loaded.emplace(File, std::move(*D)).first->second;
}

} // namespace dcalias::archmodel
