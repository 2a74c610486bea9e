#include "archmodel/ModelCache.h"

#include "support/DataDir.h"
#include "support/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <set>

namespace dcalias::archmodel {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

static constexpr llvm::StringLiteral Format = "dcalias-model-cache/1";

std::string defaultModelCacheDir() {
  if (const char *E = std::getenv("DCALIAS_CACHE_DIR"); E && *E)
    return E;
  llvm::SmallString<256> P;
  if (!llvm::sys::path::cache_directory(P))
    return "";
  llvm::sys::path::append(P, "dcalias", "models");
  return std::string(P);
}

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
                {"error", V.Error},
                {"notes", strings(V.Notes)},
                {"also_checked", strings(V.AlsoChecked)},
                {"overruled", V.Overruled},
                {"unreachable", V.Unreachable}};
}

Value toJson(const ArchModel &M) {
  const ArchAudit &A = M.Audit;
  Array Cpus, Dax, Diags;
  for (const CpuVerdict &V : A.Cpus)
    Cpus.push_back(toJson(V));
  for (const kconfig::Reach &R : A.Dax)
    Dax.push_back(Object{{"symbol", R.Symbol}, {"exists", R.Exists}, {"enabled", R.Enabled}, {"blocker", R.Blocker}});
  for (const Diagnostic &D : M.Diags.all())
    Diags.push_back(Object{{"severity", int(D.Sev)}, {"file", D.Loc.File}, {"line", D.Loc.Line},
                           {"col", D.Loc.Col}, {"message", D.Message}});
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
    A.Comparison = str(O, "comparison");
    for (const Value &V : arr(O, "dax")) {
      const Object &R = obj(&V);
      A.Dax.push_back({str(R, "symbol"), boolean(R, "exists"), boolean(R, "enabled"), str(R, "blocker")});
    }
    for (const Value &V : arr(O, "diags")) {
      const Object &D = obj(&V);
      Severity S = Severity(num(D, "severity", int(Severity::Echo)));
      SourceLoc L{str(D, "file"), unsigned(num(D, "line", UINT32_MAX)), unsigned(num(D, "col", UINT32_MAX))};
      M.Diags.add(S, std::move(L), str(D, "message"));
    }
    return M;
  }
};

// Every file under Dir, as "path\tdigest" lines (sorted), for the key.
void digestTree(const std::string &Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    if (It->type() == llvm::sys::fs::file_type::regular_file)
      Out.push_back(It->path() + "\t" + currentValue(ReadKind::Content, It->path()));
}

const char *kindName(ReadKind K) {
  return K == ReadKind::Content ? "content" : K == ReadKind::Status ? "status" : "listing";
}
std::optional<ReadKind> kindNamed(llvm::StringRef S) {
  for (ReadKind K : {ReadKind::Content, ReadKind::Status, ReadKind::Listing})
    if (S == kindName(K))
      return K;
  return std::nullopt;
}

std::string dialectText(const kconfig::Dialect &D) {
  std::string S;
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning) S += D.Name ? '1' : '0';
#include "kconfig/Dialect.def"
#undef DIALECT
  return S;
}

} // namespace

ModelCache::ModelCache(std::string CacheDir, kconfig::FileCache &Files, const std::string &RulesDir)
    : Dir(std::move(CacheDir)) {
  llvm::SmallString<256> Real;
  Tree = llvm::sys::fs::real_path(Files.tree(), Real) ? Files.tree() : std::string(Real);
  std::vector<std::string> Parts = {Format.str(), DCALIAS_VERSION};
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  Parts.push_back(currentValue(ReadKind::Content, Exe));
  Parts.push_back(Tree);
  Parts.push_back(llvm::sys::getProcessTriple());
  Parts.push_back(dialectText(Files.dialect()));
  Parts.push_back(RulesDir);
  std::vector<std::string> Rules;
  digestTree(dataPath("rules"), Rules);
  digestTree(dataPath("schemas"), Rules);
  if (!RulesDir.empty())
    digestTree(RulesDir, Rules);
  std::sort(Rules.begin(), Rules.end());
  Parts.insert(Parts.end(), Rules.begin(), Rules.end());
  Common = digestOf(llvm::join(Parts, "\n"));
}

std::string ModelCache::keyFor(const std::string &Arch) const { return digestOf(Common + "\n" + Arch); }

std::string ModelCache::valueNow(ReadKind K, const std::string &Path) {
  {
    std::lock_guard<std::mutex> G(Lock);
    if (auto It = Values.find({K, Path}); It != Values.end())
      return It->second;
  }
  std::string V = currentValue(K, Path);
  std::lock_guard<std::mutex> G(Lock);
  return Values.emplace(std::make_pair(K, Path), V).first->second;
}

// The entry as stored: the payload (key, dependencies, model) and its digest, so that a
// truncated or edited file is detected before anything in it is used.
void ModelCache::note(const std::string &File, const std::string &Msg) {
  std::lock_guard<std::mutex> G(Lock);
  Notes.note({File, 0, 0}, Msg);
}

std::optional<ArchModel> ModelCache::lookup(const std::string &Arch) {
  std::string Key = keyFor(Arch);
  std::string File = Dir + "/" + Key + ".json";
  auto B = llvm::MemoryBuffer::getFile(File, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!B)
    return std::nullopt;
  auto Ignore = [&](const std::string &Why) -> std::optional<ArchModel> {
    note(File, "ignoring the cached model of " + Arch + ": " + Why + "; recomputing it");
    return std::nullopt;
  };
  llvm::StringRef Text = (*B)->getBuffer();
  auto [Digest, Payload] = Text.split('\n');
  if (Digest.size() != 64 || digestOf(Payload) != Digest)
    return Ignore("its digest does not match its contents");
  auto V = llvm::json::parse(Payload);
  if (!V) {
    llvm::consumeError(V.takeError());
    return Ignore("it does not parse");
  }
  const Object *O = V->getAsObject();
  if (!O || O->getString("format") != std::optional<llvm::StringRef>(Format) ||
      O->getString("key") != std::optional<llvm::StringRef>(Key))
    return Ignore("it is of another format or key");
  const Array *Deps = O->getArray("deps");
  if (!Deps)
    return Ignore("it lists no dependencies");
  for (const Value &D : *Deps) {
    const Array *T = D.getAsArray();
    if (!T || T->size() != 3 || !(*T)[0].getAsString() || !(*T)[1].getAsString() || !(*T)[2].getAsString())
      return Ignore("a dependency is malformed");
    llvm::StringRef Kind = *(*T)[0].getAsString();
    std::optional<ReadKind> K = kindNamed(Kind);
    if (!K)
      return Ignore("a dependency is malformed");
    if (valueNow(*K, (*T)[1].getAsString()->str()) != *(*T)[2].getAsString())
      return std::nullopt; // something it read has changed: an ordinary miss
  }
  Reader R;
  ArchModel M = R.model(R.obj(O->get("model")));
  if (!R.Ok || M.Audit.Arch != Arch)
    return Ignore("its model is malformed");
  ++Hits;
  return M;
}

void ModelCache::store(const std::string &Arch, const ArchModel &M, const ReadLog &Log) {
  std::vector<std::pair<ReadKind, std::string>> Deps = Log.entries();
  // Readers that memoise the top Makefile across arches (LINUXINCLUDE, SRCARCH, the shell
  // exports) read it for every arch.
  Deps.emplace_back(ReadKind::Content, Tree + "/Makefile");
  std::sort(Deps.begin(), Deps.end());
  Deps.erase(std::unique(Deps.begin(), Deps.end()), Deps.end());
  Array DepJson;
  for (const auto &[K, Path] : Deps)
    DepJson.push_back(Array{kindName(K), Path, valueNow(K, Path)});
  std::string Key = keyFor(Arch);
  std::string Payload;
  llvm::raw_string_ostream(Payload) << Value(Object{{"format", Format}, {"key", Key}, {"deps", std::move(DepJson)},
                                                    {"model", toJson(M)}});
  auto Fail = [&](const std::string &Why) {
    note(Dir, "the model of " + Arch + " was not cached: " + Why);
  };
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return Fail(EC.message());
  std::string File = Dir + "/" + Key + ".json";
  auto T = llvm::sys::fs::TempFile::create(File + "-%%%%%%%%.tmp");
  if (!T)
    return Fail(llvm::toString(T.takeError()));
  {
    llvm::raw_fd_ostream OS(T->FD, /*shouldClose=*/false);
    OS << digestOf(Payload) << "\n" << Payload;
    OS.flush();
    if (OS.has_error()) {
      std::string M = OS.error().message();
      OS.clear_error();
      llvm::consumeError(T->discard());
      return Fail(M);
    }
  }
  if (llvm::Error E = T->keep(File))
    Fail(llvm::toString(std::move(E)));
}

} // namespace dcalias::archmodel
