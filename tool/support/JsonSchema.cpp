#include "support/JsonSchema.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonFile.h"

#include "llvm/Support/FormatVariadic.h"

#include <map>
#include <mutex>

namespace dcalias {

namespace {
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

struct Validator {
  const Value &Root; // the schema document, for $ref
  const std::string &File;

  static bool hasType(const Value &V, llvm::StringRef T) {
    if (T == "object") return V.getAsObject();
    if (T == "array") return V.getAsArray();
    if (T == "string") return V.getAsString().has_value();
    if (T == "boolean") return V.getAsBoolean().has_value();
    if (T == "integer") return V.getAsInteger().has_value();
    if (T == "number") return V.getAsNumber().has_value();
    if (T == "null") return V.kind() == Value::Null;
    return false;
  }
  static std::string at(const std::string &Path) { return Path.empty() ? "the top level" : Path; }

  // An empty string when V conforms, else what is wrong.
  std::string check(const Value &V, const Value &S, const std::string &Path) {
    const Object *O = S.getAsObject();
    if (!O)
      return "";
    if (auto Ref = O->getString("$ref")) {
      llvm::StringRef R = *Ref;
      const Object *Defs = Root.getAsObject() ? Root.getAsObject()->getObject("$defs") : nullptr;
      const Value *Target = R.consume_front("#/$defs/") && Defs ? Defs->get(R) : nullptr;
      if (!Target)
        return at(Path) + ": the schema's $ref " + Ref->str() + " names nothing";
      if (std::string E = check(V, *Target, Path); !E.empty())
        return E;
    }
    if (const Value *T = O->get("type")) {
      bool Ok = false;
      std::string Names;
      if (auto One = T->getAsString()) {
        Ok = hasType(V, *One);
        Names = One->str();
      } else if (const Array *Many = T->getAsArray()) {
        for (const Value &X : *Many)
          if (auto N = X.getAsString()) {
            Ok |= hasType(V, *N);
            Names += (Names.empty() ? "" : " or ") + N->str();
          }
      }
      if (!Ok)
        return at(Path) + ": must be " + (llvm::StringRef("aeiou").contains(Names.empty() ? 'x' : Names[0]) ? "an " : "a ") + Names;
    }
    if (const Value *C = O->get("const"); C && *C != V)
      return at(Path) + ": must be " + llvm::formatv("{0}", *C).str();
    if (const Array *E = O->getArray("enum")) {
      bool Found = false;
      for (const Value &X : *E)
        Found |= X == V;
      if (!Found)
        return at(Path) + ": not one of the values the schema allows";
    }
    if (auto S2 = V.getAsString())
      if (auto Min = O->getInteger("minLength"); Min && int64_t(S2->size()) < *Min)
        return at(Path) + ": must not be empty";
    if (const Object *VO = V.getAsObject()) {
      const Object *Props = O->getObject("properties");
      const Value *Extra = O->get("additionalProperties");
      for (const auto &KV : *VO) {
        std::string Sub = (Path.empty() ? "" : Path + ".") + KV.first.str();
        const Value *PS = Props ? Props->get(KV.first) : nullptr;
        if (!PS && Extra && Extra->getAsBoolean() == std::optional<bool>(false))
          return at(Path) + ": unknown key \"" + KV.first.str() + "\"";
        if (const Value *Use = PS ? PS : Extra)
          if (std::string E = check(KV.second, *Use, Sub); !E.empty())
            return E;
      }
      // After the unknown keys: a misspelt key is the cause of the "missing" one.
      if (const Array *Req = O->getArray("required"))
        for (const Value &R : *Req)
          if (auto K = R.getAsString(); K && !VO->get(*K))
            return (Path.empty() ? "" : Path + ".") + K->str() + ": required, missing";
    }
    if (const Array *VA = V.getAsArray()) {
      if (auto Min = O->getInteger("minItems"); Min && int64_t(VA->size()) < *Min)
        return at(Path) + ": needs at least " + std::to_string(*Min) + " element(s)";
      if (const Value *Items = O->get("items"))
        for (size_t I = 0; I < VA->size(); ++I)
          if (std::string E = check((*VA)[I], *Items, Path + "[" + std::to_string(I) + "]"); !E.empty())
            return E;
    }
    for (const char *Kw : {"oneOf", "anyOf"})
      if (const Array *Alts = O->getArray(Kw)) {
        // The alternatives of the rule schemas differ in type (an object or an array of them):
        // the error of the alternative whose type fits is the useful one.
        std::string First;
        for (const Value &Alt : *Alts) {
          std::string E = check(V, Alt, Path);
          if (E.empty()) {
            First.clear();
            break;
          }
          const Object *AO = Alt.getAsObject();
          auto T = AO ? AO->getString("type") : std::nullopt;
          if (First.empty() || (T && hasType(V, *T)))
            First = E;
        }
        if (!First.empty())
          return First;
      }
    return "";
  }
};
} // namespace

llvm::Error validateJson(const Value &Doc, const Value &Schema, const std::string &File) {
  Validator V{Schema, File};
  std::string E = V.check(Doc, Schema, "");
  if (E.empty())
    return llvm::Error::success();
  return makeLocatedError({File, 0, 0}, E);
}

llvm::Error validateRuleFile(const Value &Doc, const std::string &Name, const std::string &File) {
  // Schemas are read once per process (every arch's rule file is checked).
  static std::mutex Lock;
  static std::map<std::string, Value> Cache;
  std::string Path = dataPath("schemas/" + Name + ".schema.json");
  const Value *Schema = nullptr;
  {
    std::lock_guard<std::mutex> G(Lock);
    auto It = Cache.find(Path);
    if (It == Cache.end()) {
      auto S = readJsonFile(Path);
      if (!S)
        return S.takeError();
      It = Cache.emplace(Path, std::move(*S)).first;
    }
    Schema = &It->second;
  }
  return validateJson(Doc, *Schema, File);
}

} // namespace dcalias
