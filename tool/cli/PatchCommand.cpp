// dcalias patch <tree> [-o DIR] [--style seed|upstream]: the series from the arch cache model.
#include "cli/Commands.h"

#include "archmodel/Audit.h"
#include "kconfig/Kconfig.h"
#include "patchgen/Series.h"
#include "support/ExitCode.h"
#include "support/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace llvm;

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<std::string> OutDir("o", cl::desc("write the numbered patches here (default: print the series as one mbox)"),
                                   cl::value_desc("dir"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<std::string> StyleOpt("style", cl::desc("seed (cache_is_aliasing, static and dynamic symbols) | upstream (mainline's names)"),
                                     cl::init("seed"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<std::string> RulesDir("rules-dir", cl::desc("cache-model rules directory (default: rules/cache-models)"),
                                     cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<std::string> Author("author", cl::desc("From: and Signed-off-by: of the patches"),
                                   cl::init("dcalias <dcalias@example.org>"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("audit this many architectures in parallel (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(PatchCmd), cl::cat(Category));

int runPatch() {
  if (StyleOpt != "seed" && StyleOpt != "upstream") {
    errs() << "dcalias: error: --style must be seed or upstream\n";
    return int(ExitCode::InputError);
  }
  SmallString<256> Abs(Tree);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  if (!sys::fs::is_directory(Abs)) {
    errs() << "dcalias: error: '" << Tree << "' is not a directory\n";
    return int(ExitCode::InputError);
  }
  kconfig::FileCache Files(Abs.str().str());
  std::vector<std::string> Arches;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Files.tree() + "/arch", EC), E; It != E && !EC; It.increment(EC))
    if (sys::fs::exists(It->path() + "/Kconfig"))
      Arches.push_back(sys::path::filename(It->path()).str());
  std::sort(Arches.begin(), Arches.end());

  std::vector<std::optional<Expected<patchgen::ArchInput>>> Results(Arches.size());
  {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Arches.size(); ++I)
      Pool.async([&, I]() {
        auto run = [&]() -> Expected<patchgen::ArchInput> {
          patchgen::ArchInput In;
          auto R = archmodel::loadCacheRule(kconfig::srcArchFor(Arches[I]), RulesDir);
          if (!R)
            return R.takeError();
          if (!*R) {
            In.Generic = true;
            R = archmodel::loadCacheRule("generic", RulesDir);
            if (!R)
              return R.takeError();
            if (!*R)
              return createStringError("no rule for " + Arches[I] + " and no generic.json");
          }
          In.Rule = **R;
          In.Rule.Arch = kconfig::srcArchFor(Arches[I]);
          DiagList Diags;
          auto A = archmodel::auditArch(Files, Arches[I], In.Rule, Diags);
          if (!A)
            return A.takeError();
          In.Audit = std::move(*A);
          return In;
        };
        Results[I].emplace(run());
      });
    Pool.wait();
  }
  std::vector<patchgen::ArchInput> Inputs;
  for (auto &R : Results) {
    if (!*R) {
      errs() << "dcalias: " << toString(R->takeError()) << "\n";
      return int(ExitCode::InputError);
    }
    Inputs.push_back(std::move(**R));
  }
  patchgen::SeriesOptions O;
  O.Tree = Files.tree();
  O.S = StyleOpt == "upstream" ? patchgen::Style::Upstream : patchgen::Style::Seed;
  O.Author = Author;
  O.Version = DCALIAS_VERSION;
  auto S = patchgen::buildSeries(O, Inputs);
  if (!S) {
    errs() << "dcalias: " << toString(S.takeError()) << "\n";
    return int(ExitCode::InputError);
  }
  unsigned M = S->Patches.size();
  if (OutDir.empty()) {
    for (unsigned I = 0; I < M; ++I)
      outs() << patchgen::formatPatch(O, I + 1, M, S->Patches[I]);
  } else {
    if (std::error_code E = sys::fs::create_directories(OutDir)) {
      errs() << "dcalias: error: " << OutDir << ": " << E.message() << "\n";
      return int(ExitCode::InputError);
    }
    for (unsigned I = 0; I < M; ++I) {
      std::string Path = OutDir + "/" + patchgen::patchFileName(I + 1, S->Patches[I]);
      std::error_code E;
      raw_fd_ostream OS(Path, E);
      if (E) {
        errs() << "dcalias: error: " << Path << ": " << E.message() << "\n";
        return int(ExitCode::InputError);
      }
      OS << patchgen::formatPatch(O, I + 1, M, S->Patches[I]);
      outs() << Path << "\n";
    }
  }
  for (const std::string &Sk : S->Skipped)
    errs() << "dcalias patch: not patched: " << Sk << "\n";
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
