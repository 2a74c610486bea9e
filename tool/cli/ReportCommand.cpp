// dcalias report <tree> -o report.html [--lint-json FILE]: the reviewer's page.
#include "cli/Commands.h"

#include "archmodel/ModelCache.h"

#include "archmodel/Audit.h"
#include "kconfig/Kconfig.h"
#include "patchgen/Cover.h"
#include "patchgen/Identity.h"
#include "patchgen/Series.h"
#include "report/Html.h"
#include "report/LintOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"
#include "support/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(ReportCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("the HTML file to write"), cl::Required,
                                   cl::sub(ReportCmd), cl::cat(Category));
static cl::opt<std::string> LintJson("lint-json", cl::desc("a `dcalias lint --format json` report to include"),
                                     cl::sub(ReportCmd), cl::cat(Category));
static cl::opt<std::string> StyleOpt("style", cl::desc("patch series style: seed | upstream"), cl::init("seed"),
                                     cl::sub(ReportCmd), cl::cat(Category));
static cl::opt<std::string> RulesDir("rules-dir", cl::desc("cache-model rules directory (default: rules/cache-models)"),
                                     cl::sub(ReportCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("threads for the arch model (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(ReportCmd), cl::cat(Category));

int runReport() {
  if (StyleOpt != "seed" && StyleOpt != "upstream") {
    errs() << "dcalias: error: --style must be seed or upstream\n";
    return int(ExitCode::InputError);
  }
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  SmallString<256> Abs(*Dir);
  report::HtmlInput In;
  if (!LintJson.empty()) {
    auto B = readInput(LintJson);
    if (!B) {
      reportError(errs(), B.takeError());
      return int(ExitCode::InputError);
    }
    auto L = report::readLintJson((*B)->getBuffer(), LintJson);
    if (!L) {
      reportError(errs(), L.takeError());
      return int(ExitCode::InputError);
    }
    In.HaveLint = true;
    In.Lint = std::move(*L);
  }
  kconfig::FileCache Files(Abs.str().str());
  auto Cache = modelCache(Files, RulesDir);
  auto Models = archmodel::modelAllArches(Files, RulesDir, Jobs, Cache.get());
  printCacheNotes(Cache.get());
  if (!Models) {
    reportError(errs(), Models.takeError());
    return int(ExitCode::InputError);
  }
  patchgen::SeriesOptions O;
  O.Tree = Files.tree();
  O.S = StyleOpt == "upstream" ? patchgen::Style::Upstream : patchgen::Style::Seed;
  O.Version = DCALIAS_VERSION;
  // The page shows the series as the reader would send it; without an identity, no From:.
  if (auto A = patchgen::authorIdentity(""))
    O.Author = *A;
  else
    consumeError(A.takeError());
  auto Date = patchgen::seriesDate();
  if (!Date) {
    reportError(errs(), Date.takeError());
    return int(ExitCode::InputError);
  }
  O.Date = *Date;
  auto S = patchgen::buildSeries(O, *Models);
  if (!S) {
    reportError(errs(), S.takeError());
    return int(ExitCode::InputError);
  }
  if (S->Cover)
    In.Series.push_back({"0000-cover-letter.patch", patchgen::formatCover(O, *S)});
  for (unsigned I = 0; I < S->Patches.size(); ++I)
    In.Series.push_back({patchgen::patchFileName(I + 1, S->Patches[I]),
                         patchgen::formatPatch(O, I + 1, S->Patches.size(), S->Patches[I])});
  In.TreeName = sys::path::filename(Abs).str();
  In.KernelVersion = kconfig::kernelVersionOf(Files.tree());
  In.Arches = std::move(*Models);
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        report::writeHtml(OS, In);
        return Error::success();
      }))
    return failed(std::move(E));
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
