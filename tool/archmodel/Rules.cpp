#include "archmodel/Rules.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonSchema.h"
#include "support/Output.h"
#include "support/TreeFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::archmodel {

namespace {
struct Reader {
  const std::string &File;
  llvm::Error Err = llvm::Error::success();

  std::string str(const llvm::json::Object &O, const std::string &Path, llvm::StringRef Key,
                  bool Required = true) {
    if (auto S = O.getString(Key))
      return S->str();
    if (Required && !Err)
      Err = makeLocatedError({File, 0, 0}, Path + "." + Key.str() + ": required string is missing");
    return "";
  }
  std::vector<std::string> list(const llvm::json::Object &O, const std::string &Path,
                                llvm::StringRef Key) {
    std::vector<std::string> Out;
    const llvm::json::Array *A = O.getArray(Key);
    if (!A)
      return Out;
    for (const llvm::json::Value &V : *A) {
      if (auto S = V.getAsString())
        Out.push_back(S->str());
      else if (!Err)
        Err = makeLocatedError({File, 0, 0}, Path + "." + Key.str() + ": must hold strings");
    }
    return Out;
  }
};
} // namespace

llvm::Expected<CacheRule> parseCacheRule(llvm::StringRef Text, const std::string &File) {
  auto V = llvm::json::parse(Text);
  if (!V)
    return makeLocatedError({File, 0, 0}, "invalid JSON: " + llvm::toString(V.takeError()));
  // Every key known, every field of the right type: schemas/cache-model.schema.json.
  if (llvm::Error E = validateRuleFile(*V, "cache-model", File))
    return E;
  const llvm::json::Object *Root = V->getAsObject();
  Reader R{File};
  CacheRule C;
  C.File = File;
  C.Arch = R.str(*Root, "", "arch");
  C.SubjectPrefix = R.str(*Root, "", "subject_prefix", /*Required=*/false);
  auto parseProbes = [&](llvm::StringRef Key, bool Required,
                         std::vector<CacheRule::Probe> &Into) -> llvm::Error {
    std::vector<const llvm::json::Object *> ProbeObjs;
    if (const llvm::json::Object *P = Root->getObject(Key))
      ProbeObjs.push_back(P);
    else if (const llvm::json::Array *A = Root->getArray(Key))
      for (const llvm::json::Value &V : *A)
        if (const llvm::json::Object *O = V.getAsObject())
          ProbeObjs.push_back(O);
    if (ProbeObjs.empty() && Required)
      return makeLocatedError({File, 0, 0}, Key.str() + ": required object (or array of objects) is missing");
    for (size_t I = 0; I < ProbeObjs.size(); ++I) {
      const llvm::json::Object &P = *ProbeObjs[I];
      std::string Path = Key.str() + "[" + std::to_string(I) + "]";
      CacheRule::Probe Pr;
      Pr.Cite = R.str(P, Path, "cite");
      Pr.Target = R.str(P, Path, "target");
      Pr.Target64 = R.str(P, Path, "target_64bit", /*Required=*/false);
      Pr.Expr = R.str(P, Path, "expr", /*Required=*/false);
      Pr.PPExpr = R.str(P, Path, "pp_expr", /*Required=*/false);
      Pr.IfConfig = R.str(P, Path, "if_config", /*Required=*/false);
      Pr.Headers = R.list(P, Path, "headers");
      Pr.Defines = R.list(P, Path, "defines");
      Pr.Undefines = R.list(P, Path, "undefines");
      Pr.IncludeDirs = R.list(P, Path, "include_dirs");
      Pr.Declarations = R.list(P, Path, "declarations");
      Pr.ExistingHeaders = R.list(P, Path, "existing_headers");
      Pr.CompilerHeaders = R.list(P, Path, "compiler_headers");
      Pr.CompilerInclude = P.getBoolean("compiler_include").value_or(false);
      if (const llvm::json::Object *Q = P.getObject("requires_text")) {
        Pr.RequiresFile = R.str(*Q, Path + ".requires_text", "file");
        Pr.RequiresText = R.str(*Q, Path + ".requires_text", "contains");
      }
      if (Pr.Expr.empty() == Pr.PPExpr.empty() && !R.Err)
        return makeLocatedError({File, 0, 0}, Path + ": exactly one of expr and pp_expr is needed");
      Into.push_back(std::move(Pr));
    }
    return llvm::Error::success();
  };
  if (llvm::Error E = parseProbes("probe", /*Required=*/true, C.Probes))
    return E;
  if (llvm::Error E = parseProbes("also_check", /*Required=*/false, C.AlsoCheck))
    return E;
  if (const llvm::json::Object *Q = Root->getObject("predicate")) {
    CacheRule::PredicateDef D;
    D.Cite = R.str(*Q, "predicate", "cite");
    D.Expr = R.str(*Q, "predicate", "expr");
    D.Headers = R.list(*Q, "predicate", "headers");
    D.Declarations = R.list(*Q, "predicate", "declarations");
    C.Predicate = std::move(D);
  }
  if (const llvm::json::Array *Cfgs = Root->getArray("configurations")) {
    for (size_t I = 0; I < Cfgs->size(); ++I) {
      const llvm::json::Object *O = (*Cfgs)[I].getAsObject();
      std::string Path = "configurations[" + std::to_string(I) + "]";
      C.Configurations.push_back({R.str(*O, Path, "name"), R.str(*O, Path, "seed"),
                                  R.str(*O, Path, "cite")});
    }
  }
  if (const llvm::json::Object *M = Root->getObject("makefile_define")) {
    CacheRule::MakefileDefine D;
    D.Cite = R.str(*M, "makefile_define", "cite");
    D.File = R.str(*M, "makefile_define", "file");
    D.Variable = R.str(*M, "makefile_define", "variable");
    D.Define = R.str(*M, "makefile_define", "define");
    C.MakeDefine = D;
  }
  if (const llvm::json::Object *M = Root->getObject("makefile_include_dirs")) {
    CacheRule::MakefileIncludes I;
    I.Cite = R.str(*M, "makefile_include_dirs", "cite");
    I.Glob = R.str(*M, "makefile_include_dirs", "files");
    C.MakeIncludes = I;
  }
  if (const llvm::json::Array *Facts = Root->getArray("commit_evidence"))
    for (size_t I = 0; I < Facts->size(); ++I)
      if (const llvm::json::Object *F = (*Facts)[I].getAsObject()) {
        std::string Path = "commit_evidence[" + std::to_string(I) + "]";
        C.CommitEvidence.push_back({R.str(*F, Path, "file"), R.str(*F, Path, "anchor"),
                                    R.str(*F, Path, "says"), F->getBoolean("quote").value_or(false)});
      }
  if (const llvm::json::Object *T = Root->getObject("cpu_types")) {
    CacheRule::CpuTypes D;
    D.Cite = R.str(*T, "cpu_types", "cite");
    D.File = R.str(*T, "cpu_types", "file");
    D.ChoiceOf = R.str(*T, "cpu_types", "choice_of", /*Required=*/false);
    if (const llvm::json::Object *X = T->getObject("expand_member")) {
      CacheRule::CpuTypes::Expand E;
      E.When = R.str(*X, "cpu_types.expand_member", "when");
      E.Symbol = R.str(*X, "cpu_types.expand_member", "symbol");
      E.FromDirs = R.str(*X, "cpu_types.expand_member", "from_dirs");
      D.ExpandMember = E;
    }
    D.NamePrefix = R.str(*T, "cpu_types", "name_prefix", /*Required=*/D.ChoiceOf.empty());
    D.ReachesPrefix = R.str(*T, "cpu_types", "reaches_prefix", /*Required=*/D.ChoiceOf.empty());
    C.Cpus = D;
  }
  if (R.Err)
    return std::move(R.Err);
  return C;
}

llvm::Expected<std::optional<CacheRule>> loadCacheRule(const std::string &SrcArch,
                                                       const std::string &Dir) {
  std::string Path = (Dir.empty() ? dataPath("rules/cache-models") : Dir) + "/" + SrcArch + ".json";
  if (!llvm::sys::fs::exists(Path))
    return std::nullopt;
  auto Buf = readInput(Path);
  if (!Buf)
    return Buf.takeError();
  auto R = parseCacheRule((*Buf)->getBuffer(), Path);
  if (!R)
    return R.takeError();
  return std::optional<CacheRule>(std::move(*R));
}

bool requiredTextHolds(const std::string &Tree, const CacheRule::Probe &P) {
  if (P.RequiresFile.empty())
    return true;
  auto B = readOptionalTreeFile(Tree, P.RequiresFile);
  return B && B->getBuffer().contains(P.RequiresText);
}

} // namespace dcalias::archmodel
