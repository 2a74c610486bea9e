// patchgen/Rules.h: the patch generator's rule files, rules/patchgen/*.json (data, not code).
//
// Contract: alloc-dax-callers.json holds one recipe per alloc_dax() caller (the lines to find
// in its file and the lines that replace them, with the patch's subject and body);
// fixes.json names the commit that introduced a line, for a "Fixes:" tag on the patch that
// removes it. Each file is checked against its schema (schemas/<name>.schema.json) before a
// field is read, so a misspelt key or a wrong type is an error naming the file and the field.
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace dcalias::patchgen {

struct CallerRecipe {
  std::string File, Subject, Body;
  std::vector<std::string> Find, Replace;
};

struct FixRule {
  std::string File, Text, Commit;
};

// Root: the parsed file, named File in messages.
llvm::Expected<std::vector<CallerRecipe>> parseCallerRecipes(const llvm::json::Value &Root,
                                                             const std::string &File);
llvm::Expected<std::vector<FixRule>> parseFixRules(const llvm::json::Value &Root, const std::string &File);

// The files of the data directory.
llvm::Expected<std::vector<CallerRecipe>> loadCallerRecipes();
llvm::Expected<std::vector<FixRule>> loadFixRules();

} // namespace dcalias::patchgen
