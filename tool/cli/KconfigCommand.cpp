#include "cli/Commands.h"

#include "report/AuditShard.h"
#include "kconfig/Defconfig.h"
#include "kconfig/Evaluate.h"
#include "kconfig/Kconfig.h"
#include "kconfig/ShellProfile.h"
#include "report/AuditShard.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <thread>

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> ArchOpt(
    "arch", cl::desc("ARCH as make takes it (x86_64, arm, sparc64, ...); a comma-separated list, "
                     "or 'all' for every ARCH of the tree (files are parsed once for all)"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> KconfigRoot(
    "kconfig", cl::desc("the top Kconfig file, relative to the tree (Kbuild's KBUILD_KCONFIG, "
                        "default Kconfig); with it the tree need not be a kernel, e.g. a case of "
                        "the kernel's scripts/kconfig/tests, and --arch is optional"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> DialectOf(
    "dialect-of", cl::desc("evaluate with the Kconfig dialect of this kernel tree (read from its "
                           "scripts/kconfig) instead of the analysed tree's own"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<bool> DumpDialect(
    "dump-dialect", cl::desc("print the tree's Kconfig dialect (each generation difference and "
                             "whether the tree has it) and exit"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::list<std::string> Defconfigs(
    "defconfig", cl::desc("defconfig to evaluate: a name in arch/<arch>/configs, 'defconfig' for "
                          "the arch default, or a file path; repeat for several"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<bool> AllDefconfigs("all-defconfigs", cl::desc("evaluate every defconfig of the arch"),
                                   cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> ConfigFile("config", cl::desc("an existing .config to read (olddefconfig by default)"),
                                       cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> ModeOpt(
    "mode", cl::desc("defconfig | olddefconfig | alldefconfig | allnoconfig | allyesconfig | allmodconfig"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("write the .config here (one configuration)"),
                                   cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> OutDir("out-dir", cl::desc("write <name>.config for each configuration here"),
                                   cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> Autoconf("autoconf", cl::desc("also write the CONFIG_ macros (autoconf.h) here"),
                                     cl::sub(KconfigCmd), cl::cat(Category));
static cl::list<std::string> Why("why", cl::desc("explain the value of this symbol (without CONFIG_)"),
                                 cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<bool> AllowShell(
    "allow-shell", cl::desc(R"(run $(shell,...) of the tree's Kconfig files (code from the tree: off by
default; without it, calls get their recorded value or empty))"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> ShellProfile(
    "shell-profile", cl::desc("JSON object {command: output} of recorded $(shell,...) results"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> RecordProfile(
    "record-shell-profile", cl::desc("write the $(shell,...) results of this run as a profile"),
    cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<std::string> Shard("shard",
                                  cl::desc("evaluate only shard I of N of the configurations (I/N; with "
                                           "--out-dir): the shards' directories together are the whole sweep"),
                                  cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<bool> Quiet("q", cl::desc("no summary on stderr"), cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<unsigned> JobsOpt(
    "j", cl::desc("configurations evaluated at once, each thread with a graph of its own, when "
                  "several go to --out-dir (default: the number of hardware threads)"),
    cl::init(0), cl::Prefix, cl::sub(KconfigCmd), cl::cat(Category));

static Expected<std::map<std::string, std::string>> readProfile(const std::string &Path) {
  auto Buf = readInput(Path);
  if (!Buf)
    return Buf.takeError();
  return kconfig::parseShellProfile((*Buf)->getBuffer(), Path);
}

static Error writeFile(const std::string &Path, StringRef Data) {
  return writeOutput(Path, [&](raw_ostream &OS) {
    OS << Data;
    return Error::success();
  });
}

// The load options from the command line and the environment Kbuild would export.
static Expected<kconfig::LoadOptions> loadOptions() {
  kconfig::LoadOptions LO;
  LO.Macros.Shell = AllowShell ? kconfig::ShellPolicy::Run : kconfig::ShellPolicy::Never;
  if (AllowShell) {
    // Kconfig.include's cc-option and friends compile /dev/null as C: when a tool has replaced
    // the device with a regular file (one that renames its output to <name>.old does), every
    // probe reads whatever was last written there and answers n, and so does conf.
    sys::fs::file_status St;
    if (sys::fs::status("/dev/null", St) || St.type() != sys::fs::file_type::character_file)
      errs() << "dcalias: warning: /dev/null is not a character device; the tree's compiler "
                "probes ($(cc-option,...)) will give wrong answers (restore it with "
                "'mknod -m 666 /dev/null c 1 3')\n";
  }
  if (!ShellProfile.empty()) {
    auto P = readProfile(ShellProfile);
    if (!P)
      return P.takeError();
    LO.Macros.Profile = std::move(*P);
  }
  for (const char *Name : {"CROSS_COMPILE", "CC", "LD", "HOSTCC", "RUSTC", "BINDGEN", "CC_VERSION_TEXT"})
    if (const char *V = std::getenv(Name))
      LO.Macros.Env[Name] = V;
  LO.KconfigFile = KconfigRoot;
  return LO;
}

static std::vector<std::string> archesToLoad(const kconfig::FileCache &Files) {
  std::vector<std::string> Arches;
  if (ArchOpt.empty() && !KconfigRoot.empty())
    return {""};
  if (ArchOpt == "all")
    return kconfig::archesOf(Files.tree());
  SmallVector<StringRef> Parts;
  StringRef(ArchOpt).split(Parts, ',', -1, false);
  for (StringRef P : Parts)
    Arches.push_back(P.trim().str());
  return Arches;
}

static Expected<kconfig::Mode> modeToApply() {
  if (!ModeOpt.empty())
    return kconfig::parseMode(ModeOpt);
  return ConfigFile.empty() ? kconfig::Mode::Defconfig : kconfig::Mode::Olddefconfig;
}

// The configurations to evaluate for one arch: the named defconfigs, --config, or the mode.
static Expected<std::vector<kconfig::EvalJob>> jobsFor(const kconfig::FileCache &Files,
                                                       const std::string &Arch,
                                                       const std::string &SrcArch) {
  std::vector<kconfig::EvalJob> Jobs;
  std::vector<std::string> Names(Defconfigs.begin(), Defconfigs.end());
  if (AllDefconfigs)
    for (auto &N : kconfig::defconfigsOf(Files.tree(), SrcArch))
      Names.push_back(N);
  for (auto &N : Names) {
    auto P = kconfig::resolveDefconfig(Files.tree(), Arch, SrcArch, N);
    if (!P)
      return P.takeError();
    Jobs.push_back({P->Label, *P, true});
  }
  if (!ConfigFile.empty()) {
    auto Buf = readInput(ConfigFile);
    if (!Buf)
      return Buf.takeError();
    kconfig::DefconfigInput In;
    In.Label = sys::path::filename(ConfigFile).str();
    In.Path = ConfigFile;
    In.Text = (*Buf)->getBuffer().str();
    Jobs.push_back({In.Label, In, true});
  }
  if (Jobs.empty()) {
    if (ModeOpt.empty())
      return makeError("nothing to evaluate: give --defconfig, --all-defconfigs, --config or --mode");
    Jobs.push_back({ModeOpt, {}, false});
  }
  if (Jobs.size() > 1 && !Output.empty())
    return makeError("-o takes one configuration; use --out-dir for several");
  return Jobs;
}

// One configuration's output: the .config where it goes, then conf's unmet-dependency warnings
// on stderr, once per distinct symbol, and the changed-input list.
static Error emitConfig(const std::string &Arch, bool ManyArches, const std::string &Label,
                        const kconfig::EvalResult &R) {
  if (!OutDir.empty()) {
    std::string Dir = ManyArches ? OutDir + "/" + Arch : OutDir.getValue();
    sys::fs::create_directories(Dir);
    if (Error E = writeFile(Dir + "/" + Label + ".config", R.Config))
      return E;
  } else if (!Output.empty()) {
    if (Error E = writeFile(Output, R.Config))
      return E;
  } else if (Why.empty() && !ManyArches) {
    outs() << R.Config;
  }
  std::set<std::string> Seen;
  for (const std::string &W : R.Warnings)
    if (Seen.insert(W).second)
      errs() << "\n" << W << "\n";
  errs() << R.ChangedInput;
  return Error::success();
}

// Evaluates and writes one arch's configurations; --autoconf and --why need the graph after
// each configuration, so they keep to one thread.
static Error evaluateArch(kconfig::FileCache &Files, const kconfig::LoadOptions &LO,
                          kconfig::Kconfig &K, const std::string &Arch, bool ManyArches,
                          const std::vector<kconfig::EvalJob> &Jobs, kconfig::Mode Mode,
                          DiagList &Diags) {
  unsigned Threads = JobsOpt ? JobsOpt.getValue() : std::max(1u, std::thread::hardware_concurrency());
  if (Threads > 1 && Jobs.size() > 1 && !OutDir.empty() && Why.empty() && Autoconf.empty()) {
    auto Results = kconfig::evaluateAll(Files, LO, K, Jobs, Mode, Threads);
    for (size_t J = 0; J < Jobs.size(); ++J) {
      for (const Diagnostic &D : Results[J].Diags.all())
        Diags.add(D.Sev, D.Loc, D.Message);
      if (Results[J].Error)
        return makeError(*Results[J].Error);
      if (Error E = emitConfig(Arch, ManyArches, Jobs[J].Label, Results[J]))
        return E;
    }
    return Error::success();
  }
  for (const kconfig::EvalJob &J : Jobs) {
    kconfig::EvalResult R;
    auto C = kconfig::evaluateJob(K, J, Mode, Diags);
    if (!C)
      return C.takeError();
    R.Config = std::move(*C);
    R.Warnings = K.unmetDependencyWarnings();
    R.ChangedInput = K.changedInputWarning();
    if (Error E = emitConfig(Arch, ManyArches, J.Label, R))
      return E;
    if (!Autoconf.empty())
      if (Error E = writeFile(Autoconf, K.writeAutoconf()))
        return E;
    for (auto &W : Why) {
      kconfig::Symbol *S = K.find(StringRef(W).starts_with("CONFIG_") ? W.substr(7) : W);
      if (!S)
        return makeError("no symbol '" + W + "' in the " + Arch + " Kconfig graph");
      outs() << K.explain(S);
    }
  }
  return Error::success();
}

// After the last arch: conf's own messages, the summary line and the recorded profile.
static Error finish(const kconfig::Kconfig &K, const kconfig::FileCache &Files, DiagList &Diags,
                    const std::string &Arch, size_t NumArches, unsigned TotalJobs,
                    std::chrono::steady_clock::time_point Start) {
  Diags.print(errs());
  // conf prints $(info,...) on stdout; so do we, unless the .config itself goes there.
  raw_ostream &InfoOS = (Output.empty() && OutDir.empty()) ? errs() : outs();
  for (const std::string &L : K.macros().InfoLines)
    InfoOS << L << "\n";
  const auto &Calls = K.macros().shellCalls();
  unsigned NotRun = 0;
  for (auto &KV : Calls)
    NotRun += !KV.second.Ran && !KV.second.FromProfile;
  if (!Quiet) {
    double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    if (NumArches > 1)
      errs() << "dcalias kconfig: " << NumArches << " architectures";
    else
      errs() << "dcalias kconfig: " << (Arch.empty() ? Files.tree() : Arch) << ": "
             << K.symbolsInConfOrder().size() << " symbols";
    errs() << " from " << Files.filesParsed() << " files, " << TotalJobs
           << " configuration(s) in " << format("%.2f", Secs) << " s";
    if (NotRun)
      errs() << "; " << NotRun << " $(shell,...) call(s) not run (empty result; use --allow-shell "
             << "or --shell-profile)";
    errs() << "\n";
  }
  if (RecordProfile.empty())
    return Error::success();
  std::map<std::string, std::string> Recorded;
  for (auto &KV : Calls)
    if (KV.second.Ran || KV.second.FromProfile)
      Recorded[KV.first] = KV.second.Output;
  return writeFile(RecordProfile, kconfig::shellProfileText(Recorded));
}

static int dumpDialect(const kconfig::FileCache &Files) {
  const kconfig::Dialect &D = Files.dialect();
  outs() << "# Kconfig dialect of " << Files.tree() << " (from "
         << (D.Source.empty() ? std::string("no scripts/kconfig: the baseline") : D.Source) << ")\n";
  for (const std::string &L : D.describe())
    outs() << L << "\n";
  return int(ExitCode::Clean);
}

int runKconfig() {
  DiagList Diags;
  auto fail = [&](Error E) {
    Diags.print(errs());
    return failed(std::move(E));
  };
  if (!sys::fs::is_directory(Tree))
    return fail(makeError("'" + Tree + "' is not a directory"));
  SmallString<256> AbsTree(Tree);
  sys::fs::make_absolute(AbsTree);
  sys::path::remove_dots(AbsTree, true);
  auto LO = loadOptions();
  if (!LO)
    return fail(LO.takeError());
  kconfig::FileCache Files(AbsTree.str().str());
  if (!DialectOf.empty()) {
    if (!sys::fs::is_directory(DialectOf + "/scripts/kconfig"))
      return fail(makeError("--dialect-of: '" + DialectOf + "' has no scripts/kconfig"));
    Files.setDialect(kconfig::Dialect::ofTree(DialectOf));
  }
  if (DumpDialect)
    return dumpDialect(Files);
  std::vector<std::string> Arches = archesToLoad(Files);
  if (Arches.empty())
    return fail(makeError("no architecture given"));
  if (Arches.size() > 1 && !Output.empty())
    return fail(makeError("-o takes one configuration; use --out-dir with several architectures"));
  auto Mode = modeToApply();
  if (!Mode)
    return fail(Mode.takeError());
  // A shard takes every Nth configuration of the whole sweep (all arches, in order), so that a
  // tree's many arm defconfigs are spread over the shards like everything else.
  std::optional<report::ShardSpec> Spec;
  if (!Shard.empty()) {
    auto S = report::parseShard(Shard);
    if (!S)
      return fail(S.takeError());
    if (OutDir.empty() || !Why.empty() || !Autoconf.empty())
      return fail(makeError("--shard writes each configuration of its shard to --out-dir (not with --why or --autoconf)"));
    Spec = *S;
  }
  size_t Position = 0;
  unsigned TotalJobs = 0;
  auto Start = std::chrono::steady_clock::now();
  for (const std::string &Arch : Arches) {
    LO->Arch = Arch;
    auto K = kconfig::Kconfig::load(Files, *LO, Diags);
    if (!K)
      return fail(K.takeError());
    // The tree's conf reads this from its environment; so do we.
    if (const char *W = std::getenv("KCONFIG_WARN_CHANGED_INPUT"); W && *W)
      (*K)->setWarnChangedInput(true);
    auto Jobs = jobsFor(Files, Arch, (*K)->srcArch());
    if (!Jobs)
      return fail(Jobs.takeError());
    if (Spec) {
      std::vector<kconfig::EvalJob> Mine;
      for (kconfig::EvalJob &J : *Jobs)
        if (report::inShard(*Spec, Position++))
          Mine.push_back(std::move(J));
      *Jobs = std::move(Mine);
    }
    if (Error E = evaluateArch(Files, *LO, **K, Arch, Arches.size() > 1, *Jobs, *Mode, Diags))
      return fail(std::move(E));
    TotalJobs += Jobs->size();
    if (Arch == Arches.back())
      if (Error E = finish(**K, Files, Diags, Arch, Arches.size(), TotalJobs, Start))
        return fail(std::move(E));
  }
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
