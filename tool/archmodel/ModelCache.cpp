#include "archmodel/ModelCache.h"

#include "archmodel/ModelJson.h"

#include "support/DataDir.h"
#include "support/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <chrono>
#include <cstdlib>
#include <set>

namespace dcalias::archmodel {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

static constexpr llvm::StringLiteral Format = "dcalias-model-cache/1";
static constexpr int MaxUnusedDays = 30;

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
  // Clang and LLVM are shared libraries: their version is part of what computed the model.
  std::vector<std::string> Parts = {Format.str(), DCALIAS_VERSION, LLVM_VERSION_STRING};
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
  // Entries of old builds and trees would stay forever: those no run has used for a while go
  // (a hit renews an entry's time; the time decides only this, never whether one is valid).
  std::error_code EC;
  auto Now = std::chrono::system_clock::now();
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status St;
    if (!llvm::StringRef(It->path()).ends_with(".json") || llvm::sys::fs::status(It->path(), St))
      continue;
    if (Now - St.getLastModificationTime() > std::chrono::hours(24 * MaxUnusedDays))
      llvm::sys::fs::remove(It->path());
  }
}

std::string ModelCache::keyFor(const std::string &What) const { return digestOf(Common + "\n" + What); }

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

std::optional<Value> ModelCache::lookupPayload(const std::string &What, const std::string &Name) {
  std::string Key = keyFor(What);
  std::string File = Dir + "/" + Key + ".json";
  auto B = llvm::MemoryBuffer::getFile(File, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!B)
    return std::nullopt;
  auto Ignore = [&](const std::string &Why) -> std::optional<Value> {
    note(File, "ignoring the cached model of " + Name + ": " + Why + "; recomputing it");
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
  const Value *M = O->get("model");
  if (!M)
    return Ignore("its model is malformed");
  // Its use is its age: what no run has used for MaxUnusedDays is pruned (see the constructor).
  if (int FD; !llvm::sys::fs::openFileForWrite(File, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_Append)) {
    (void)llvm::sys::fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return *M;
}

std::optional<ArchModel> ModelCache::lookup(const std::string &Arch) {
  std::optional<Value> V = lookupPayload(Arch, Arch);
  if (!V)
    return std::nullopt;
  std::optional<ArchModel> M = modelFromJson(*V);
  if (!M || M->Audit.Arch != Arch) {
    note(Dir, "ignoring the cached model of " + Arch + ": its model is malformed; recomputing it");
    return std::nullopt;
  }
  ++Hits;
  return M;
}

// A configuration's entry: the arch and the configuration as the command line named it.
static std::string configWhat(const std::string &Arch, const std::string &Config) {
  return "configuration\n" + Arch + "\n" + Config;
}

std::optional<ConfigAudit> ModelCache::lookupConfig(const std::string &Arch, const std::string &Config,
                                                    DiagList &Diags) {
  std::optional<Value> V = lookupPayload(configWhat(Arch, Config), Arch + " " + Config);
  if (!V)
    return std::nullopt;
  std::optional<ConfigAudit> C = configFromJson(*V, Diags);
  if (!C || C->Arch != Arch) {
    note(Dir, "ignoring the cached model of " + Arch + " " + Config + ": it is malformed; recomputing it");
    return std::nullopt;
  }
  ++Hits;
  return C;
}

void ModelCache::storeConfig(const std::string &Arch, const std::string &Config, const ConfigAudit &C,
                             const DiagList &Diags, const ReadLog &Log) {
  storePayload(configWhat(Arch, Config), Arch + " " + Config, configToJson(C, Diags), Log);
}

void ModelCache::store(const std::string &Arch, const ArchModel &M, const ReadLog &Log) {
  storePayload(Arch, Arch, modelToJson(M), Log);
}

void ModelCache::storePayload(const std::string &What, const std::string &Name, Value Payload,
                              const ReadLog &Log) {
  std::vector<std::pair<ReadKind, std::string>> Deps = Log.entries();
  // Readers that memoise the top Makefile across arches (LINUXINCLUDE, SRCARCH, the shell
  // exports) read it for every arch.
  Deps.emplace_back(ReadKind::Content, Tree + "/Makefile");
  std::sort(Deps.begin(), Deps.end());
  Deps.erase(std::unique(Deps.begin(), Deps.end()), Deps.end());
  Array DepJson;
  for (const auto &[K, Path] : Deps)
    DepJson.push_back(Array{kindName(K), Path, valueNow(K, Path)});
  std::string Key = keyFor(What);
  std::string Text;
  llvm::raw_string_ostream(Text) << Value(Object{{"format", Format}, {"key", Key}, {"deps", std::move(DepJson)},
                                                 {"model", std::move(Payload)}});
  auto Fail = [&](const std::string &Why) {
    note(Dir, "the model of " + Name + " was not cached: " + Why);
  };
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return Fail(EC.message());
  std::string File = Dir + "/" + Key + ".json";
  auto T = llvm::sys::fs::TempFile::create(File + "-%%%%%%%%.tmp");
  if (!T)
    return Fail(llvm::toString(T.takeError()));
  {
    llvm::raw_fd_ostream OS(T->FD, /*shouldClose=*/false);
    OS << digestOf(Text) << "\n" << Text;
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
