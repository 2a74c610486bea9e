#include "archmodel/ModelJson.h"

#include <mutex>
#include <set>

namespace dcalias::archmodel {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

// Paths a stored KLoc points to; stable for the life of the process.
const std::string *interned(const std::string &S) {
  static std::mutex Lock;
  static std::set<std::string> Pool;
  std::lock_guard<std::mutex> G(Lock);
  return &*Pool.insert(S).first;
}

Array strings(const std::vector<std::string> &V) {
  Array A;
  for (const std::string &S : V)
    A.push_back(S);
  return A;
}

Value toJson(const CpuVerdict &V) {
  return Object{{"name", V.Name},
                {"file", V.Defined.File ? Value(*V.Defined.File) : Value(nullptr)},
                {"line", V.Defined.Line},
                {"result", int(V.Result)},
                {"define", V.DefineValue},
                {"selects", strings(V.Selects)},
                {"loads", strings(V.Loads)},
                {"definitions", strings(V.Definitions)},
                {"probe", V.Probe},
                {"existing", int(V.Existing)},
                {"existing_error", V.ExistingError},
                {"existing_icache", int(V.ExistingICache)},
                {"existing_icache_error", V.ExistingICacheError},
                {"error", V.Error},
                {"notes", strings(V.Notes)},
                {"also_checked", strings(V.AlsoChecked)},
                {"overruled", V.Overruled},
                {"unreachable", V.Unreachable}};
}

Array diagsToJson(const DiagList &L) {
  Array Out;
  for (const Diagnostic &D : L.all())
    Out.push_back(Object{{"severity", int(D.Sev)}, {"file", D.Loc.File}, {"line", D.Loc.Line},
                         {"col", D.Loc.Col}, {"message", D.Message}});
  return Out;
}

Value archToJson(const ArchModel &M) {
  const ArchAudit &A = M.Audit;
  Array Cpus, Dax;
  for (const CpuVerdict &V : A.Cpus)
    Cpus.push_back(toJson(V));
  for (const kconfig::Reach &R : A.Dax)
    Dax.push_back(Object{{"symbol", R.Symbol}, {"exists", R.Exists}, {"enabled", R.Enabled}, {"blocker", R.Blocker}});
  Array Diags = diagsToJson(M.Diags);
  return Object{{"arch", A.Arch},
                {"generic", M.Generic},
                {"result", int(A.Result)},
                {"expr", A.Expr},
                {"expr_cite", A.ExprCite},
                {"cpu_cite", A.CpuCite},
                {"define_cite", A.DefineCite},
                {"deciding_cite", A.DecidingCite},
                {"cpus", std::move(Cpus)},
                {"combined", toJson(A.Combined)},
                {"has_existing", A.HasExisting},
                {"existing_cite", A.ExistingCite},
                {"has_icache", A.HasICache},
                {"arch_defines_icache", A.ArchDefinesICache},
                {"icache_cite", A.ICacheCite},
                {"comparison", A.Comparison},
                {"dax", std::move(Dax)},
                {"diags", std::move(Diags)}};
}

// Reads back what toJson wrote; false when anything is missing or of another type (the entry
// is then not trusted).
class Reader {
public:
  bool Ok = true;

  std::string str(const Object &O, llvm::StringRef K) {
    if (auto S = O.getString(K))
      return S->str();
    Ok = false;
    return "";
  }
  int64_t num(const Object &O, llvm::StringRef K, int64_t Max) {
    auto I = O.getInteger(K);
    if (!I || *I < 0 || *I > Max)
      return Ok = false, 0;
    return *I;
  }
  bool boolean(const Object &O, llvm::StringRef K) {
    auto B = O.getBoolean(K);
    if (!B)
      return Ok = false, false;
    return *B;
  }
  std::vector<std::string> list(const Object &O, llvm::StringRef K) {
    std::vector<std::string> Out;
    const Array *A = O.getArray(K);
    if (!A)
      return Ok = false, Out;
    for (const Value &V : *A) {
      if (auto S = V.getAsString())
        Out.push_back(S->str());
      else
        Ok = false;
    }
    return Out;
  }
  const Object &obj(const Value *V) {
    static const Object Empty;
    if (const Object *O = V ? V->getAsObject() : nullptr)
      return *O;
    Ok = false;
    return Empty;
  }
  const Array &arr(const Object &O, llvm::StringRef K) {
    static const Array Empty;
    if (const Array *A = O.getArray(K))
      return *A;
    Ok = false;
    return Empty;
  }

  CpuVerdict cpu(const Object &O) {
    CpuVerdict V;
    V.Name = str(O, "name");
    if (auto F = O.getString("file"))
      V.Defined.File = interned(F->str());
    else if (!O.get("file") || !O.get("file")->getAsNull())
      Ok = false;
    V.Defined.Line = unsigned(num(O, "line", UINT32_MAX));
    V.Result = Alias(num(O, "result", int(Alias::Unreachable)));
    V.DefineValue = str(O, "define");
    V.Selects = list(O, "selects");
    V.Loads = list(O, "loads");
    V.Definitions = list(O, "definitions");
    V.Probe = str(O, "probe");
    V.Existing = Alias(num(O, "existing", int(Alias::Unreachable)));
    V.ExistingError = str(O, "existing_error");
    V.ExistingICache = Alias(num(O, "existing_icache", int(Alias::Unreachable)));
    V.ExistingICacheError = str(O, "existing_icache_error");
    V.Error = str(O, "error");
    V.Notes = list(O, "notes");
    V.AlsoChecked = list(O, "also_checked");
    V.Overruled = str(O, "overruled");
    V.Unreachable = str(O, "unreachable");
    return V;
  }

  ArchModel model(const Object &O) {
    ArchModel M;
    ArchAudit &A = M.Audit;
    A.Arch = str(O, "arch");
    M.Generic = A.Generic = boolean(O, "generic");
    A.Result = Verdict(num(O, "result", int(Verdict::Unknown)));
    A.Expr = str(O, "expr");
    A.ExprCite = str(O, "expr_cite");
    A.CpuCite = str(O, "cpu_cite");
    A.DefineCite = str(O, "define_cite");
    A.DecidingCite = str(O, "deciding_cite");
    for (const Value &V : arr(O, "cpus"))
      A.Cpus.push_back(cpu(obj(&V)));
    A.Combined = cpu(obj(O.get("combined")));
    A.HasExisting = boolean(O, "has_existing");
    A.ExistingCite = str(O, "existing_cite");
    A.HasICache = boolean(O, "has_icache");
    A.ArchDefinesICache = boolean(O, "arch_defines_icache");
    A.ICacheCite = str(O, "icache_cite");
    A.Comparison = str(O, "comparison");
    for (const Value &V : arr(O, "dax")) {
      const Object &R = obj(&V);
      A.Dax.push_back({str(R, "symbol"), boolean(R, "exists"), boolean(R, "enabled"), str(R, "blocker")});
    }
    diags(O, M.Diags);
    return M;
  }

  void diags(const Object &O, DiagList &Into) {
    for (const Value &V : arr(O, "diags")) {
      const Object &D = obj(&V);
      Severity S = Severity(num(D, "severity", int(Severity::Echo)));
      SourceLoc L{str(D, "file"), unsigned(num(D, "line", UINT32_MAX)), unsigned(num(D, "col", UINT32_MAX))};
      Into.add(S, std::move(L), str(D, "message"));
    }
  }
};

} // namespace

Value modelToJson(const ArchModel &M) { return archToJson(M); }

Value configToJson(const ConfigAudit &C, const DiagList &Diags) {
  Array Types;
  for (const std::string &T : C.CpuTypes)
    Types.push_back(T);
  return Object{{"arch", C.Arch}, {"label", C.Label}, {"result", toJson(C.Result)},
                {"cpu_types", std::move(Types)}, {"diags", diagsToJson(Diags)}};
}

std::optional<ConfigAudit> configFromJson(const Value &V, DiagList &Diags) {
  Reader R;
  const Object &O = R.obj(&V);
  ConfigAudit C;
  C.Arch = R.str(O, "arch");
  C.Label = R.str(O, "label");
  C.Result = R.cpu(R.obj(O.get("result")));
  C.CpuTypes = R.list(O, "cpu_types");
  DiagList Read;
  R.diags(O, Read);
  if (!R.Ok)
    return std::nullopt;
  for (const Diagnostic &D : Read.all())
    Diags.add(D.Sev, D.Loc, D.Message);
  return C;
}

std::optional<ArchModel> modelFromJson(const Value &V) {
  Reader R;
  ArchModel M = R.model(R.obj(&V));
  if (!R.Ok)
    return std::nullopt;
  return M;
}

} // namespace dcalias::archmodel
