#include "cli/Commands.h"
#include "kconfig/Defconfig.h"
#include "kconfig/Kconfig.h"
#include "support/ExitCode.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
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
static cl::opt<bool> Quiet("q", cl::desc("no summary on stderr"), cl::sub(KconfigCmd), cl::cat(Category));
static cl::opt<unsigned> JobsOpt(
    "j", cl::desc("configurations evaluated at once, each thread with a graph of its own, when "
                  "several go to --out-dir (default: the number of hardware threads)"),
    cl::init(0), cl::Prefix, cl::sub(KconfigCmd), cl::cat(Category));

static Expected<std::map<std::string, std::string>> readProfile(const std::string &Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return makeError(Path + ": cannot read: " + Buf.getError().message());
  auto V = json::parse((*Buf)->getBuffer());
  if (!V)
    return makeError(Path + ": invalid JSON: " + toString(V.takeError()));
  const json::Object *O = V->getAsObject();
  if (!O)
    return makeError(Path + ": must be a JSON object {command: output}");
  std::map<std::string, std::string> Out;
  for (auto &KV : *O) {
    auto S = KV.second.getAsString();
    if (!S)
      return makeError(Path + ": value of '" + KV.first.str() + "' must be a string");
    Out[KV.first.str()] = S->str();
  }
  return Out;
}

static Error writeFile(const std::string &Path, StringRef Data) {
  return writeToOutput(Path, [&](raw_ostream &OS) {
    OS << Data;
    return Error::success();
  });
}

int runKconfig() {
  DiagList Diags;
  auto fail = [&](Error E) {
    Diags.print(errs());
    errs() << "dcalias: " << toString(std::move(E)) << "\n";
    return int(ExitCode::InputError);
  };
  if (!sys::fs::is_directory(Tree))
    return fail(makeError("'" + Tree + "' is not a directory"));
  SmallString<256> AbsTree(Tree);
  sys::fs::make_absolute(AbsTree);
  sys::path::remove_dots(AbsTree, true);

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
      return fail(P.takeError());
    LO.Macros.Profile = std::move(*P);
  }
  for (const char *Name : {"CROSS_COMPILE", "CC", "LD", "HOSTCC", "RUSTC", "BINDGEN", "CC_VERSION_TEXT"})
    if (const char *V = std::getenv(Name))
      LO.Macros.Env[Name] = V;

  kconfig::FileCache Files(AbsTree.str().str());
  if (!DialectOf.empty()) {
    if (!sys::fs::is_directory(DialectOf + "/scripts/kconfig"))
      return fail(makeError("--dialect-of: '" + DialectOf + "' has no scripts/kconfig"));
    Files.setDialect(kconfig::Dialect::ofTree(DialectOf));
  }
  if (DumpDialect) {
    const kconfig::Dialect &D = Files.dialect();
    outs() << "# Kconfig dialect of " << Files.tree() << " (from "
           << (D.Source.empty() ? std::string("no scripts/kconfig: the baseline") : D.Source) << ")\n";
    for (const std::string &L : D.describe())
      outs() << L << "\n";
    return int(ExitCode::Clean);
  }
  LO.KconfigFile = KconfigRoot;
  std::vector<std::string> Arches;
  if (ArchOpt.empty() && !KconfigRoot.empty()) {
    Arches.push_back("");
  } else if (ArchOpt == "all") {
    Arches = kconfig::archesOf(Files.tree());
  } else {
    SmallVector<StringRef> Parts;
    StringRef(ArchOpt).split(Parts, ',', -1, false);
    for (StringRef P : Parts)
      Arches.push_back(P.trim().str());
  }
  if (Arches.empty())
    return fail(makeError("no architecture given"));
  bool Many = Arches.size() > 1;
  if (Many && !Output.empty())
    return fail(makeError("-o takes one configuration; use --out-dir with several architectures"));
  unsigned TotalJobs = 0;
  auto Start = std::chrono::steady_clock::now();
  for (const std::string &Arch : Arches) {
  LO.Arch = Arch;
  auto K = kconfig::Kconfig::load(Files, LO, Diags);
  if (!K)
    return fail(K.takeError());
  // The tree's conf reads this from its environment; so do we.
  if (const char *W = std::getenv("KCONFIG_WARN_CHANGED_INPUT"); W && *W)
    (*K)->setWarnChangedInput(true);

  struct Job {
    std::string Label;
    kconfig::DefconfigInput In;
    bool Read = false;
  };
  std::vector<Job> Jobs;
  std::vector<std::string> Names(Defconfigs.begin(), Defconfigs.end());
  if (AllDefconfigs)
    for (auto &N : kconfig::defconfigsOf(Files.tree(), (*K)->srcArch()))
      Names.push_back(N);
  for (auto &N : Names) {
    auto P = kconfig::resolveDefconfig(Files.tree(), Arch, (*K)->srcArch(), N);
    if (!P)
      return fail(P.takeError());
    Jobs.push_back({P->Label, *P, true});
  }
  if (!ConfigFile.empty()) {
    auto Buf = MemoryBuffer::getFile(ConfigFile);
    if (!Buf)
      return fail(makeError(ConfigFile + ": cannot read: " + Buf.getError().message()));
    kconfig::DefconfigInput In;
    In.Label = sys::path::filename(ConfigFile).str();
    In.Path = ConfigFile;
    In.Text = (*Buf)->getBuffer().str();
    Jobs.push_back({In.Label, In, true});
  }
  kconfig::Mode Mode = kconfig::Mode::Defconfig;
  if (!ModeOpt.empty()) {
    auto M = kconfig::parseMode(ModeOpt);
    if (!M)
      return fail(M.takeError());
    Mode = *M;
  } else if (!ConfigFile.empty()) {
    Mode = kconfig::Mode::Olddefconfig;
  }
  if (Jobs.empty()) {
    if (ModeOpt.empty())
      return fail(makeError("nothing to evaluate: give --defconfig, --all-defconfigs, --config or --mode"));
    Jobs.push_back({ModeOpt, {}, false});
  }
  if (Jobs.size() > 1 && !Output.empty())
    return fail(makeError("-o takes one configuration; use --out-dir for several"));

  // One configuration's output: the .config where it goes, then conf's unmet-dependency
  // warnings on stderr, once per distinct symbol.
  auto emit = [&](const std::string &Label, const std::string &Config,
                  const std::vector<std::string> &Warnings) -> Error {
    if (!OutDir.empty()) {
      std::string Dir = Many ? OutDir + "/" + Arch : OutDir.getValue();
      sys::fs::create_directories(Dir);
      if (Error E = writeFile(Dir + "/" + Label + ".config", Config))
        return E;
    } else if (!Output.empty()) {
      if (Error E = writeFile(Output, Config))
        return E;
    } else if (Why.empty() && !Many) {
      outs() << Config;
    }
    std::set<std::string> Seen;
    for (const std::string &W : Warnings)
      if (Seen.insert(W).second)
        errs() << "\n" << W << "\n";
    return Error::success();
  };
  size_t FirstSequential = 0;
  unsigned Threads = std::min<size_t>(Jobs.size(), JobsOpt ? JobsOpt.getValue()
                                                            : std::max(1u, std::thread::hardware_concurrency()));
  if (Threads > 1 && !OutDir.empty() && Why.empty() && Autoconf.empty()) {
    // Configurations are independent: each thread evaluates its share on a graph of its own
    // (the first thread on the one already loaded; the others load theirs with the $(shell,...)
    // results of the first, so no command runs twice). Files, warnings and diagnostics are
    // then written in the order of the configurations, as a single thread would.
    struct Result {
      std::string Config;
      std::vector<std::string> Warnings;
      DiagList Diags;
      std::optional<std::string> Error;
    };
    std::vector<Result> Results(Jobs.size());
    kconfig::LoadOptions More = LO;
    for (auto &[Cmd, R] : (*K)->macros().shellCalls())
      if (R.Ran)
        More.Macros.Prefetched.emplace(Cmd, R.Output);
    if (auto It = (*K)->macros().referencedEnv().find("CC_VERSION_TEXT");
        It != (*K)->macros().referencedEnv().end())
      More.Macros.Env.emplace("CC_VERSION_TEXT", It->second);
    auto work = [&](unsigned T) {
      std::unique_ptr<kconfig::Kconfig> Own;
      kconfig::Kconfig *G = K->get();
      if (T) {
        DiagList Ignored; // the first load reported what the tree says
        auto L = kconfig::Kconfig::load(Files, More, Ignored);
        if (!L) {
          for (size_t J = T; J < Jobs.size(); J += Threads)
            Results[J].Error = toString(L.takeError());
          return;
        }
        Own = std::move(*L);
        G = Own.get();
      }
      for (size_t J = T; J < Jobs.size(); J += Threads) {
        Result &R = Results[J];
        if (Jobs[J].Read) {
          auto C = kconfig::evaluateInput(*G, Jobs[J].In, Mode, R.Diags);
          if (!C) {
            R.Error = toString(C.takeError());
            continue;
          }
          R.Config = std::move(*C);
        } else {
          G->reset();
          G->applyMode(Mode);
          R.Config = G->writeConfig();
        }
        R.Warnings = G->unmetDependencyWarnings();
      }
    };
    {
      std::vector<std::thread> Pool;
      for (unsigned T = 1; T < Threads; ++T)
        Pool.emplace_back(work, T);
      work(0);
      for (std::thread &Th : Pool)
        Th.join();
    }
    for (size_t J = 0; J < Jobs.size(); ++J) {
      Result &R = Results[J];
      for (const Diagnostic &D : R.Diags.all())
        Diags.add(D.Sev, D.Loc, D.Message);
      if (R.Error)
        return fail(makeError(*R.Error));
      if (Error E = emit(Jobs[J].Label, R.Config, R.Warnings))
        return fail(std::move(E));
    }
    FirstSequential = Jobs.size(); // all done
  }

  for (size_t J = FirstSequential; J < Jobs.size(); ++J) {
    const Job &Jb = Jobs[J];
    const std::string &Label = Jb.Label;
    std::string Config;
    if (Jb.Read) {
      auto C = kconfig::evaluateInput(**K, Jb.In, Mode, Diags);
      if (!C)
        return fail(C.takeError());
      Config = std::move(*C);
    } else {
      (*K)->reset();
      (*K)->applyMode(Mode);
      Config = (*K)->writeConfig();
    }
    // conf prints the warnings on stderr; so do we.
    if (Error E = emit(Label, Config, (*K)->unmetDependencyWarnings()))
      return fail(std::move(E));
    errs() << (*K)->changedInputWarning();
    if (!Autoconf.empty())
      if (Error E = writeFile(Autoconf, (*K)->writeAutoconf()))
        return fail(std::move(E));
    for (auto &W : Why) {
      kconfig::Symbol *S = (*K)->find(StringRef(W).starts_with("CONFIG_") ? W.substr(7) : W);
      if (!S)
        return fail(makeError("no symbol '" + W + "' in the " + Arch + " Kconfig graph"));
      outs() << (*K)->explain(S);
    }
  }
  TotalJobs += Jobs.size();
  if (Arch != Arches.back())
    continue;
  // Parse warnings and $(info,...) output are conf's too; print them once.
  Diags.print(errs());
  // conf prints $(info,...) on stdout; so do we, unless the .config itself goes there.
  raw_ostream &InfoOS = (Output.empty() && OutDir.empty()) ? errs() : outs();
  for (const std::string &L : (*K)->macros().InfoLines)
    InfoOS << L << "\n";
  const auto &Calls = (*K)->macros().shellCalls();
  unsigned NotRun = 0;
  for (auto &KV : Calls)
    NotRun += !KV.second.Ran && !KV.second.FromProfile;
  if (!Quiet) {
    double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    if (Many)
      errs() << "dcalias kconfig: " << Arches.size() << " architectures";
    else
      errs() << "dcalias kconfig: " << Arch << ": " << (*K)->symbolsInConfOrder().size() << " symbols";
    errs() << " from " << Files.filesParsed() << " files, " << TotalJobs
           << " configuration(s) in " << format("%.2f", Secs) << " s";
    if (NotRun)
      errs() << "; " << NotRun << " $(shell,...) call(s) not run (empty result; use --allow-shell "
             << "or --shell-profile)";
    errs() << "\n";
  }
  if (!RecordProfile.empty()) {
    json::Object O;
    for (auto &KV : Calls)
      if (KV.second.Ran || KV.second.FromProfile)
        O[KV.first] = KV.second.Output;
    std::string S;
    raw_string_ostream OS(S);
    OS << formatv("{0:2}", json::Value(std::move(O))) << "\n";
    if (Error E = writeFile(RecordProfile, OS.str()))
      return fail(std::move(E));
  }
  }
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
