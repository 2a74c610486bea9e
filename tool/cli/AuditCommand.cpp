#include "archmodel/Audit.h"
#include "report/AuditJson.h"
#include "report/AuditShard.h"
#include "report/AuditText.h"
#include "cli/Commands.h"

#include "archmodel/ModelCache.h"
#include "kconfig/Kconfig.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"
#include "support/Progress.h"

#include "llvm/ADT/StringExtras.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

#include <chrono>
#include <optional>

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> ArchOpt("arch", cl::desc("ARCH(es) to audit, comma-separated (default: all)"),
                                    cl::init("all"), cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> RulesDir("rules-dir", cl::desc("cache-model rules directory (default: rules/cache-models)"),
                                     cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> Defconfig(
    "defconfig", cl::desc("audit one configuration: a defconfig name (as make takes it) or file"),
    cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> ConfigFile("config", cl::desc("audit one configuration: a .config file"),
                                       cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> Format("format", cl::desc("text | json (schema dcalias-audit/1)"),
                                   cl::init("text"), cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("write the report here (default: stdout)"),
                                   cl::init("-"), cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("audit this many architectures in parallel (default: all cores); "
                                           "the output does not depend on it"),
                               cl::init(0), cl::Prefix, cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<bool> Quiet("q", cl::desc("no summary line on stderr"), cl::sub(AuditCmd), cl::cat(Category));
static cl::opt<bool> Evidence("evidence", cl::desc("also print each arch's evidence, Kconfig select, "
                                                  "DAX reachability, and each CPU type's notes, "
                                                  "probe errors, select chain and header definitions"),
                              cl::sub(AuditCmd), cl::cat(Category));

static cl::opt<std::string> Shard("shard",
                                  cl::desc("audit only shard I of N of the arches (I/N) and write it as a "
                                           "dcalias-audit-shard/1 file for `dcalias merge`"),
                                  cl::sub(AuditCmd), cl::cat(Category));

static int inputError(const Twine &Msg) {
  errs() << "dcalias: error: " << Msg << "\n";
  return int(ExitCode::InputError);
}

// audit --defconfig/--config: one configuration of each given arch.
static int auditOneConfig(kconfig::FileCache &Files, const std::vector<std::string> &Arches,
                          raw_ostream &Out, bool Json, const std::string &TreeName,
                          archmodel::ModelCache *Cache) {
  report::ConfigRun Run;
  Run.TreeName = TreeName;
  Run.KernelVersion = kconfig::kernelVersionOf(Files.tree());
  DiagList Diags;
  std::string One = !ConfigFile.empty() ? ConfigFile.getValue() : Defconfig.getValue();
  for (const std::string &Arch : Arches) {
    bool Generic = false;
    auto Rule = archmodel::ruleForArch(Files, Arch, RulesDir, Generic);
    if (!Rule) {
      reportError(errs(), Rule.takeError());
      return int(ExitCode::InputError);
    }
    auto C = archmodel::auditConfig(Files, Arch, *Rule, One, Diags, Cache);
    if (!C) {
      reportError(errs(), C.takeError());
      return int(ExitCode::InputError);
    }
    if (Json)
      Run.Configurations.push_back({std::move(*C), Rule->MakeDefine ? Rule->MakeDefine->Define : ""});
    else
      report::writeConfigAuditText(Out, *C, *Rule);
  }
  if (Json)
    report::writeConfigAuditJson(Out, Run);
  return int(ExitCode::Clean);
}

int runAudit() {
  if (Format != "text" && Format != "json")
    return inputError("--format must be text or json");
  bool Json = Format == "json";
  SmallString<256> Abs(Tree);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  if (!sys::fs::is_directory(Abs))
    return inputError("'" + Tree + "' is not a directory");
  bool OneConfig = !ConfigFile.empty() || !Defconfig.empty();
  std::optional<report::ShardSpec> Spec;
  if (!Shard.empty()) {
    auto S = report::parseShard(Shard);
    if (!S)
      return failed(S.takeError());
    if (OneConfig || (Format.getNumOccurrences() && !Json) || Evidence)
      return inputError("--shard audits whole arches and writes a dcalias-audit-shard/1 file (JSON) for "
                        "dcalias merge; give --format and --evidence to merge");
    Spec = *S;
  }
  auto Start = std::chrono::steady_clock::now();
  kconfig::FileCache Files(Abs.str().str());
  std::vector<std::string> Arches;
  if (ArchOpt == "all") {
    Arches = archmodel::archDirsOf(Files.tree()); // ARCH aliases share their directory's model
  } else {
    SmallVector<StringRef> Parts;
    StringRef(ArchOpt).split(Parts, ',', -1, false);
    for (StringRef P : Parts)
      Arches.push_back(P.trim().str());
  }
  std::string Text;
  raw_string_ostream Out(Text);
  int Rc = int(ExitCode::Clean);
  report::AuditRun Run;
  std::unique_ptr<archmodel::ModelCache> Cache;
  if (OneConfig) {
    Cache = modelCache(Files, RulesDir);
    Rc = auditOneConfig(Files, Arches, Out, Json, sys::path::filename(Abs).str(), Cache.get());
    printCacheNotes(Cache.get());
  } else if (Spec) {
    report::AuditShard S;
    S.Spec = *Spec;
    S.Total = Arches.size();
    std::vector<std::string> Mine;
    std::vector<size_t> Positions;
    for (size_t P = 0; P < Arches.size(); ++P)
      if (report::inShard(*Spec, P)) {
        Mine.push_back(Arches[P]);
        Positions.push_back(P);
      }
    Cache = modelCache(Files, RulesDir);
    auto Models = archmodel::modelArches(Files, Mine, RulesDir, Jobs, "audit", Cache.get());
    for (size_t I = 0; I < Mine.size(); ++I) {
      report::ShardEntry E;
      E.Position = Positions[I];
      E.Arch = Mine[I];
      if (Models[I]) {
        Models[I]->Diags.print(errs());
        E.Model = std::move(*Models[I]);
      } else {
        E.Error = toString(Models[I].takeError());
        reportError(errs(), createStringError(inconvertibleErrorCode(), E.Error));
        Rc = int(ExitCode::InputError);
      }
      S.Entries.push_back(std::move(E));
    }
    printCacheNotes(Cache.get());
    S.TreeName = sys::path::filename(Abs).str();
    S.KernelVersion = kconfig::kernelVersionOf(Files.tree());
    report::writeAuditShard(Out, S);
  } else {
    Cache = modelCache(Files, RulesDir);
    for (auto &M : archmodel::modelArches(Files, Arches, RulesDir, Jobs, "audit", Cache.get())) {
      if (!M) {
        reportError(errs(), M.takeError());
        Rc = int(ExitCode::InputError);
        continue;
      }
      M->Diags.print(errs());
      Run.Arches.push_back(std::move(M->Audit));
    }
    printCacheNotes(Cache.get());
    Run.TreeName = sys::path::filename(Abs).str();
    Run.KernelVersion = kconfig::kernelVersionOf(Files.tree());
    if (Json)
      report::writeAuditJson(Out, Run);
    else
      report::writeAuditText(Out, Run, {Evidence});
  }
  if (!Quiet)
    errs() << formatv("dcalias audit: {0} architecture(s){1}, {2} Clang probes, {3} Kconfig files, "
                      "{4:f2} s\n",
                      Spec ? formatv("{0} of {1} (shard {2}/{3})", (Arches.size() + Spec->Count - Spec->Index) / Spec->Count,
                                     Arches.size(), Spec->Index, Spec->Count).str()
                           : std::to_string(Arches.size()), Cache ? formatv(" ({0} from the model cache)", Cache->hits()).str() : "",
                      archmodel::probesRun(), Files.filesParsed(),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count());
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        OS << Out.str();
        return Error::success();
      }))
    return failed(std::move(E));
  return Rc;
}

} // namespace dcalias::cli
