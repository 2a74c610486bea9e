// daxlint/Rules.h: rules/daxlint.json, the lists the DAX lint works from (data, not code).
//
// Contract: entry points (exported fs/dax.c API names and the struct whose initialisers name
// more), sources of linear-mapping addresses (a return value computed from a page argument, or
// an out-parameter), touches (callee name and which arguments it writes or reads), flushes
// that keep an aliasing cache coherent, and functions that look like flushes but are not.
// Loading errors name the file and the field.
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace dcalias::daxlint {

struct LintRules {
  std::string File;
  std::vector<std::string> EntryFunctions;
  std::string OpsStruct; // "dax_operations": functions in its initialisers are entry points
  struct Source {
    int OutArg = -1;              // the address is stored through this argument (void **)
    std::vector<int> RelatedOut;  // other out-arguments naming the same page (pfn)
    int PageArg = -1;             // or: the return value maps this argument's page
  };
  std::map<std::string, Source> Sources;
  struct Touch {
    std::vector<int> Write, Read;
  };
  std::map<std::string, Touch> Touches;
  std::set<std::string> Flushes, NotFlushes;
};

// Dir/daxlint.json, Dir defaulting to rules/ of the data directory.
llvm::Expected<LintRules> loadLintRules(const std::string &Path = "");
// Root: the parsed file, named File in messages.
llvm::Expected<LintRules> parseLintRules(const llvm::json::Value &Root, const std::string &File);

// Callee names as the rules know them: "__builtin_memcpy" is memcpy.
std::string normalizedCallee(llvm::StringRef Name);

} // namespace dcalias::daxlint
