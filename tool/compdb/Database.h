// compdb/Database.h: the compilation database for named sources of a tree, with the template
// and arch settings dcalias ships (compile_commands.json.in, rules/compdb-arch.json).
//
// Contract: reads the two data files and the tree's directory listing, nothing else; each
// name is a file or a directory (its .c files, sorted), tree-relative or absolute. Errors
// name the data file, the arch or the source that is wrong.
#pragma once

#include "compdb/CompileCommands.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace dcalias::compdb {

// The .c files Names stand for, in order (a directory's sorted).
llvm::Expected<std::vector<std::string>> expandSources(const std::string &Tree,
                                                       const std::vector<std::string> &Names);

// P's Arch is filled from the arch settings of P.SrcArch.
llvm::Expected<llvm::json::Array> databaseFor(Params P, const std::vector<std::string> &Names);

// compile_commands.json as written: the array indented by two, a final newline.
std::string databaseText(llvm::json::Array DB);

} // namespace dcalias::compdb
