#include "patchgen/Rules.h"

#include "support/DataDir.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"

namespace dcalias::patchgen {

namespace {
// The schema has made every field present and of its type.
std::string str(const llvm::json::Object &O, llvm::StringRef Key) { return O.getString(Key)->str(); }
std::vector<std::string> strs(const llvm::json::Object &O, llvm::StringRef Key) {
  std::vector<std::string> Out;
  for (const llvm::json::Value &V : *O.getArray(Key))
    Out.push_back(V.getAsString()->str());
  return Out;
}
} // namespace

llvm::Expected<std::vector<CallerRecipe>> parseCallerRecipes(const llvm::json::Value &Root,
                                                             const std::string &File) {
  if (llvm::Error E = validateRuleFile(Root, "alloc-dax-callers", File))
    return std::move(E);
  std::vector<CallerRecipe> Out;
  for (const llvm::json::Value &V : *Root.getAsObject()->getArray("recipes")) {
    const llvm::json::Object &R = *V.getAsObject();
    Out.push_back({str(R, "file"), str(R, "subject"), str(R, "body"), strs(R, "find"), strs(R, "replace")});
  }
  return Out;
}

llvm::Expected<std::vector<FixRule>> parseFixRules(const llvm::json::Value &Root, const std::string &File) {
  if (llvm::Error E = validateRuleFile(Root, "fixes", File))
    return std::move(E);
  std::vector<FixRule> Out;
  for (const llvm::json::Value &V : *Root.getAsObject()->getArray("fixes")) {
    const llvm::json::Object &F = *V.getAsObject();
    Out.push_back({str(F, "file"), str(F, "text"), str(F, "commit")});
  }
  return Out;
}

template <typename T>
static llvm::Expected<T> load(const std::string &Rel,
                              llvm::Expected<T> (*Parse)(const llvm::json::Value &, const std::string &)) {
  std::string File = dataPath(Rel);
  auto Root = readJsonFile(File);
  if (!Root)
    return Root.takeError();
  return Parse(*Root, File);
}

llvm::Expected<std::vector<CallerRecipe>> loadCallerRecipes() {
  return load("rules/patchgen/alloc-dax-callers.json", parseCallerRecipes);
}
llvm::Expected<std::vector<FixRule>> loadFixRules() { return load("rules/patchgen/fixes.json", parseFixRules); }

} // namespace dcalias::patchgen
