// support/JsonSchema.h: a rule file checked against its JSON Schema (schemas/*.schema.json)
// when it is loaded, so a misspelt key is an error instead of a silently ignored field.
//
// Contract: the subset of JSON Schema (draft 2020-12) the rule schemas use: type (a name or a
// list), properties, required, additionalProperties (false or a schema), items, enum, const,
// minItems, minLength, oneOf/anyOf, and $ref to "#/$defs/NAME". The first violation is an
// error "FILE: error: PATH: what is wrong", PATH the JSON path of the value ("probe[1].headers").
// The same schemas validate the rule files in the tests with python3-jsonschema.
#pragma once

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace dcalias {

llvm::Error validateJson(const llvm::json::Value &Doc, const llvm::json::Value &Schema,
                         const std::string &File);

// Doc checked against <data dir>/schemas/<Name>.schema.json.
llvm::Error validateRuleFile(const llvm::json::Value &Doc, const std::string &Name, const std::string &File);

} // namespace dcalias
