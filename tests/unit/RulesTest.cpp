// Rule files: checked against their schemas when loaded, each error naming the file and the
// field; the shipped rules load.
#include "archmodel/DaxSymbols.h"
#include "archmodel/Rules.h"
#include "compdb/CompileCommands.h"
#include "daxlint/Rules.h"
#include "support/JsonSchema.h"

#include <doctest/doctest.h>

#include <fstream>

using namespace dcalias;

namespace {
std::string errorOf(llvm::Error E) { return E ? llvm::toString(std::move(E)) : ""; }
template <typename T> std::string errorOf(llvm::Expected<T> V) {
  return V ? "" : llvm::toString(V.takeError());
}
const char *GoodRule = R"({"schema": 1, "arch": "fx",
  "probe": {"cite": "arch/fx/include/asm/cache.h", "target": "x86_64-linux-gnu",
            "headers": ["asm/cache.h"], "expr": "FX_ALIASING"}})";
std::string withReplaced(std::string S, const std::string &From, const std::string &To) {
  size_t P = S.find(From);
  REQUIRE(P != std::string::npos);
  return S.replace(P, From.size(), To);
}
} // namespace

TEST_CASE("schema subset: unknown keys, types, $ref and the alternative that fits") {
  auto Schema = llvm::json::parse(R"({"type": "object", "additionalProperties": false,
    "required": ["a"], "properties": {"a": {"$ref": "#/$defs/list"},
    "b": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}]}},
    "$defs": {"list": {"type": "array", "minItems": 1, "items": {"type": "string"}}}})");
  REQUIRE(bool(Schema));
  auto check = [&](const char *Doc) {
    auto D = llvm::json::parse(Doc);
    REQUIRE(bool(D));
    return errorOf(validateJson(*D, *Schema, "f.json"));
  };
  CHECK(check(R"({"a": ["x"]})") == "");
  CHECK(check(R"({"a": ["x"], "c": 1})") == "f.json: error: the top level: unknown key \"c\"");
  CHECK(check(R"({"b": "x"})") == "f.json: error: a: required, missing");
  CHECK(check(R"({"a": []})") == "f.json: error: a: needs at least 1 element(s)");
  CHECK(check(R"({"a": ["x", 2]})") == "f.json: error: a[1]: must be a string");
  CHECK(check(R"({"a": ["x"], "b": [1, "y"]})") == "f.json: error: b[1]: must be an integer");
  // A misspelt key is reported as such, not as the required one it hides.
  CHECK(check(R"({"aa": ["x"]})") == "f.json: error: the top level: unknown key \"aa\"");
}

TEST_CASE("cache-model rules: each kind of error names the file and the field") {
  CHECK(errorOf(archmodel::parseCacheRule(GoodRule, "fx.json")) == "");
  CHECK(errorOf(archmodel::parseCacheRule(withReplaced(GoodRule, "\"headers\"", "\"header\""), "fx.json")) ==
        "fx.json: error: probe: unknown key \"header\"");
  CHECK(errorOf(archmodel::parseCacheRule(withReplaced(GoodRule, "\"schema\": 1", "\"schema\": 2"), "fx.json")) ==
        "fx.json: error: schema: must be 1");
  CHECK(errorOf(archmodel::parseCacheRule(withReplaced(GoodRule, "[\"asm/cache.h\"]", "[]"), "fx.json")) ==
        "fx.json: error: probe.headers: needs at least 1 element(s)");
  CHECK(errorOf(archmodel::parseCacheRule(withReplaced(GoodRule, "\"expr\"", "\"pp_expr\": \"X\", \"expr\""), "fx.json")) ==
        "fx.json: error: probe[0]: exactly one of expr and pp_expr is needed");
  CHECK(errorOf(archmodel::parseCacheRule(withReplaced(GoodRule, "\"target\": \"x86_64-linux-gnu\",", ""), "fx.json")) ==
        "fx.json: error: probe.target: required, missing");
  CHECK(errorOf(archmodel::parseCacheRule(R"({"schema": 1, "arch": "fx", "probe": [{"cite": "c", "target": "t",
        "headers": ["h"], "expr": "E", "if_config": 3}]})", "fx.json")) ==
        "fx.json: error: probe[0].if_config: must be a string");
  CHECK(errorOf(archmodel::parseCacheRule("{", "fx.json")).find("fx.json: error: invalid JSON") == 0);
}

TEST_CASE("every shipped cache-model rule loads") {
  for (const char *Arch : {"arm", "mips", "sparc", "x86", "generic", "xtensa", "loongarch", "nds32"}) {
    auto R = archmodel::loadCacheRule(Arch, "");
    REQUIRE_MESSAGE(bool(R), Arch);
    CHECK_MESSAGE(R->has_value(), Arch);
  }
}

TEST_CASE("DAX symbols: the shipped list loads; a misspelt key is refused") {
  auto D = archmodel::loadDaxSymbols();
  REQUIRE(bool(D));
  CHECK(std::find(D->Dependencies.begin(), D->Dependencies.end(), "FS_DAX") != D->Dependencies.end());
  CHECK(!D->Reachability.empty());
  std::string Bad = "dcalias-dax-bad.json";
  std::ofstream(Bad) << R"({"schema": 1, "dax_symbols": ["FS_DAX"], "reachability_symbol": ["FS_DAX"]})";
  CHECK(errorOf(archmodel::loadDaxSymbols(Bad)) == Bad + ": error: the top level: unknown key \"reachability_symbol\"");
  std::remove(Bad.c_str());
}

TEST_CASE("DAX lint rules: the shipped file loads; shape errors are located by the schema") {
  auto R = daxlint::loadLintRules();
  REQUIRE(bool(R));
  CHECK(R->Flushes.count("flush_dcache_folio"));
  CHECK(R->Sources.at("dax_direct_access").OutArg == 4);
  CHECK(R->Sources.at("page_address").PageArg == 0);
  std::string Bad = "dcalias-daxlint-bad.json";
  auto withRule = [&](const std::string &Source) {
    std::ofstream(Bad) << R"({"schema": 1, "entry_points": {"functions": ["dax_iomap_rw"]},
      "sources": [)" << Source << R"(], "touches": [{"name": "memcpy", "write": [0]}],
      "flushes": {"functions": ["flush_dcache_folio"]}})";
    return errorOf(daxlint::loadLintRules(Bad));
  };
  CHECK(withRule(R"({"name": "page_address", "page_arg": 0})").empty());
  // Both argument kinds, or neither: no alternative fits.
  CHECK(withRule(R"({"name": "x", "page_arg": 0, "out_arg": 1})").find(Bad + ": error: sources[0]") == 0);
  CHECK(withRule(R"({"name": "x"})") == Bad + ": error: sources[0].page_arg: required, missing");
  CHECK(withRule(R"({"name": "x", "page_args": 0})") == Bad + ": error: sources[0]: unknown key \"page_args\"");
  std::remove(Bad.c_str());
}

TEST_CASE("compile-command arch settings: a misspelt key names the file and the field") {
  CHECK(errorOf(compdb::parseArchSettings(R"({"schema": 1, "arches": {"x86": {"source": "arch/x86/Makefile", "target": "x86_64-linux-gnu", "flag": []}}})", "a.json")) ==
        "a.json: error: arches.x86: unknown key \"flag\"");
  CHECK(errorOf(compdb::parseArchSettings("{", "a.json")).find("a.json: error: invalid JSON") == 0);
}
