// archmodel/DaxSymbols.h: the Kconfig symbols that are about DAX (rules/dax.json).
//
// Contract: the file is checked against schemas/dax.schema.json when loaded (a misspelt key,
// a non-string name is an error naming the file and the field).
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace dcalias::archmodel {

struct DaxSymbols {
  // Symbols whose dependencies are about DAX (dcalias check: an arch exclusion added there).
  std::vector<std::string> Dependencies;
  // Symbols whose reachability per arch says whether DAX can be configured there at all.
  std::vector<std::string> Reachability;
};

// Root: the parsed file, named File in messages.
llvm::Expected<DaxSymbols> parseDaxSymbols(const llvm::json::Value &Root, const std::string &File);
// Path empty: <data dir>/rules/dax.json.
llvm::Expected<DaxSymbols> loadDaxSymbols(const std::string &Path = "");

} // namespace dcalias::archmodel
