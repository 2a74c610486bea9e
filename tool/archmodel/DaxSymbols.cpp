#include "archmodel/DaxSymbols.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"

namespace dcalias::archmodel {

llvm::Expected<DaxSymbols> loadDaxSymbols(const std::string &Path) {
  std::string File = Path.empty() ? dataDir() + "/rules/dax.json" : Path;
  auto Root = readJsonFile(File);
  if (!Root)
    return Root.takeError();
  if (llvm::Error E = validateRuleFile(*Root, "dax", File))
    return std::move(E);
  const llvm::json::Object *O = Root->getAsObject();
  DaxSymbols D;
  auto names = [&](llvm::StringRef Key, std::vector<std::string> &Out) -> llvm::Error {
    const llvm::json::Array *A = O->getArray(Key);
    if (!A)
      return makeLocatedError({File, 0, 0}, Key + ": required array is missing");
    for (size_t I = 0; I < A->size(); ++I) {
      auto S = (*A)[I].getAsString();
      if (!S || S->empty())
        return makeLocatedError({File, 0, 0}, Key + "[" + std::to_string(I) + "]: must be a symbol name");
      Out.push_back(S->str());
    }
    return llvm::Error::success();
  };
  if (llvm::Error E = names("dax_symbols", D.Dependencies))
    return std::move(E);
  if (llvm::Error E = names("reachability_symbols", D.Reachability))
    return std::move(E);
  return D;
}

} // namespace dcalias::archmodel
