// archmodel/AliasWork.h: the kernel's own alias work (rules/alias-work.json), the evidence that
// outranks a cache model's constants.
//
// Contract: the weighing is written down once. A row whose deciding probe says the cache can
// alias (always or run-time) becomes "never" where this probe, compiled in the same
// configuration with the same target and include paths, is false: the running kernel does no
// alias work there (loongarch 6.1 forces a 64K SHMLBA, but its flush_dcache_page() is empty).
// A true answer never changes a row. The file is checked against schemas/alias-work.schema.json.
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace dcalias::archmodel {

struct AliasWork {
  std::string Cite, Says, PPExpr;
  std::vector<std::string> Headers;
};

// Root: the parsed file, named File in messages.
llvm::Expected<AliasWork> parseAliasWork(const llvm::json::Value &Root, const std::string &File);
// Path empty: <data dir>/rules/alias-work.json.
llvm::Expected<AliasWork> loadAliasWork(const std::string &Path = "");

} // namespace dcalias::archmodel
