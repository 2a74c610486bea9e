// dcalias patch <tree> [-o DIR] [--style seed|upstream]: the series from the arch cache model.
#include "cli/Commands.h"

#include "archmodel/ModelCache.h"

#include "archmodel/Audit.h"
#include "kconfig/Kconfig.h"
#include "patchgen/Identity.h"
#include "patchgen/Series.h"
#include "patchgen/Verify.h"
#include "report/PatchOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Version.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"


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
static cl::opt<std::string> From("from", cl::desc("the author, 'Name <email>' (default: git's user.name and user.email)"),
                                 cl::value_desc("ident"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<bool> SignOff("signoff", cl::desc("add your Signed-off-by: (you certify the DCO; never added otherwise)"),
                             cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<bool> CoverLetter("cover-letter", cl::desc("write 0000-cover-letter.patch (default: on for more than one patch)"),
                                 cl::init(true), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<std::string> Format("format", cl::desc("text | json (a dcalias-patch/1 summary of the series on stdout; the patch files still go to -o DIR)"),
                                   cl::init("text"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<bool> Verify("verify", cl::desc("probe each patched asm/cachetype.h with Clang under every CPU type of "
                                           "its arch (in memory) and compare with the model"),
                            cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("audit this many architectures in parallel (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(PatchCmd), cl::cat(Category));

// The sender, date and form of the series, from the options and git (Identity.h).
static Expected<patchgen::SeriesOptions> seriesOptions() {
  patchgen::SeriesOptions O;
  O.S = StyleOpt == "upstream" ? patchgen::Style::Upstream : patchgen::Style::Seed;
  auto Author = patchgen::authorIdentity(From);
  if (!Author)
    return Author.takeError();
  auto Date = patchgen::seriesDate();
  if (!Date)
    return Date.takeError();
  O.Author = *Author;
  O.Date = *Date;
  O.SignOff = SignOff;
  O.CoverLetter = CoverLetter;
  O.Version = DCALIAS_VERSION;
  return O;
}

int runPatch() {
  if (StyleOpt != "seed" && StyleOpt != "upstream") {
    errs() << "dcalias: error: --style must be seed or upstream\n";
    return int(ExitCode::InputError);
  }
  if (Format != "text" && Format != "json") {
    errs() << "dcalias: error: --format must be text or json\n";
    return int(ExitCode::InputError);
  }
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  // Who sends it is known before the (slow) model is computed: no identity fails at once.
  auto O = seriesOptions();
  if (!O) {
    reportError(errs(), O.takeError());
    return int(ExitCode::InputError);
  }
  kconfig::FileCache Files(*Dir);
  auto Cache = modelCache(Files, RulesDir);
  auto Models = archmodel::modelAllArches(Files, RulesDir, Jobs, Cache.get());
  printCacheNotes(Cache.get());
  if (!Models) {
    reportError(errs(), Models.takeError());
    return int(ExitCode::InputError);
  }
  O->Tree = Files.tree();
  auto S = patchgen::buildSeries(*O, *Models);
  if (!S) {
    reportError(errs(), S.takeError());
    return int(ExitCode::InputError);
  }
  bool Json = Format == "json";
  if (!OutDir.empty()) {
    auto Paths = report::writePatchFiles(OutDir, *O, *S);
    if (!Paths)
      return failed(Paths.takeError());
    if (!Json)
      for (const std::string &P : *Paths)
        outs() << P << "\n";
  } else if (!Json) {
    report::writeMbox(outs(), *O, *S);
  }
  for (const std::string &Sk : S->Skipped)
    errs() << "dcalias patch: not patched: " << Sk << "\n";
  std::vector<patchgen::Verified> Verified;
  if (Verify) {
    auto V = patchgen::verifySeries(Files, *S, *Models, O->S, Cache.get());
    if (!V) {
      reportError(errs(), V.takeError());
      return int(ExitCode::InputError);
    }
    Verified = std::move(*V);
    printCacheNotes(Cache.get());
  }
  if (Json)
    report::writePatchJson(outs(), sys::path::filename(Files.tree()).str(), StyleOpt, *S,
                           Verify ? &Verified : nullptr);
  else
    report::writeVerifyText(outs(), Verified);
  return patchgen::anyMismatch(Verified) ? int(ExitCode::Findings) : int(ExitCode::Clean);
}

} // namespace dcalias::cli
