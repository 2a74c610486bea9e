// support/JsonFile.h: a JSON data file (rules/*.json) read and parsed, errors located.
//
// Contract: "<path>: error: cannot read: ..." or "<path>: error: <parse error>" as an Error;
// the caller checks the shape and names the field it misses.
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace dcalias {

llvm::Expected<llvm::json::Value> readJsonFile(const std::string &Path);

} // namespace dcalias
