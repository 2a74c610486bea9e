// libFuzzer target: every rule file loader (rules/*.json, rules/cache-models/*.json,
// rules/patchgen/*.json) on arbitrary bytes. The loaders read fields only after the file has
// passed its schema (support/JsonSchema.h), so a schema that promises less than a loader assumes
// is a crash here, not a user's crash on a misedited rule file.
#include "archmodel/AliasWork.h"
#include "archmodel/DaxSymbols.h"
#include "archmodel/Rules.h"
#include "compdb/CompileCommands.h"
#include "daxlint/Rules.h"
#include "patchgen/Rules.h"

#include <cstdint>

using namespace dcalias;

template <typename T> static void drop(llvm::Expected<T> V) {
  if (!V)
    llvm::consumeError(V.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  drop(archmodel::parseCacheRule(Text, "fuzz.json"));
  drop(compdb::parseArchSettings(Text, "fuzz.json"));
  auto V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return 0;
  }
  drop(archmodel::parseAliasWork(*V, "fuzz.json"));
  drop(archmodel::parseDaxSymbols(*V, "fuzz.json"));
  drop(daxlint::parseLintRules(*V, "fuzz.json"));
  drop(patchgen::parseCallerRecipes(*V, "fuzz.json"));
  drop(patchgen::parseFixRules(*V, "fuzz.json"));
  return 0;
}
