// dcalias check <tree> --patch FILE|-: what a kernel patch changes about cache aliasing.
#include "cli/Commands.h"

#include "archmodel/ModelCache.h"

#include "archmodel/Audit.h"
#include "ci/Check.h"
#include "ci/LintDelta.h"
#include "report/CheckOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"
#include "support/Version.h"

#include "llvm/Support/raw_ostream.h"


using namespace llvm;

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(CheckCmd), cl::cat(Category));
static cl::list<std::string> PatchFiles("patch", cl::desc("a unified diff, git format-patch mail or series ('-': stdin); repeatable, applied in order"),
                                        cl::OneOrMore, cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<std::string> Format("format", cl::desc("text | json (schema dcalias-check/1) | sarif"),
                                   cl::init("text"), cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("write the report here (default: stdout)"),
                                   cl::init("-"), cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<std::string> Baseline("baseline", cl::desc("accepted findings: a previous --format json report; its findings are not reported again"),
                                     cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<std::string> RulesDir("rules-dir", cl::desc("cache-model rules directory (default: rules/cache-models)"),
                                     cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<std::string> BuildPath("p", cl::desc("a build directory with compile_commands.json: also run the DAX lint on the patched files and report the findings the patch introduces"),
                                      cl::value_desc("dir"), cl::sub(CheckCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("threads for the arch model (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(CheckCmd), cl::cat(Category));

int runCheck() {
  if (Format != "text" && Format != "json" && Format != "sarif") {
    errs() << "dcalias: error: --format must be text, json or sarif\n";
    return int(ExitCode::InputError);
  }
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  auto PS = ci::applyPatchFiles(*Dir, std::vector<std::string>(PatchFiles.begin(), PatchFiles.end()));
  if (!PS) {
    reportError(errs(), PS.takeError());
    return int(ExitCode::InputError);
  }
  auto Rules = ci::loadCheckRules();
  if (!Rules) {
    reportError(errs(), Rules.takeError());
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
  ci::Reprobe Probe = [&](const archmodel::ArchModel &M, const archmodel::ProbeOverride &Ov) {
    DiagList Diags;
    return archmodel::auditArch(Files, M.Audit.Arch, M.Rule, Diags, &Ov);
  };
  std::vector<ci::CheckFinding> Findings = ci::checkPatch(Files.tree(), *PS, *Models, *Rules, Probe);
  if (!BuildPath.empty()) {
    auto Lint = ci::lintFindingsOfPatch(Files.tree(), *PS, BuildPath, Jobs);
    if (!Lint) {
      reportError(errs(), Lint.takeError());
      return int(ExitCode::InputError);
    }
    Findings.insert(Findings.end(), Lint->begin(), Lint->end());
  }
  if (!Baseline.empty()) {
    auto B = readInput(Baseline);
    if (!B) {
      reportError(errs(), B.takeError());
      return int(ExitCode::InputError);
    }
    if (Error E = ci::dropBaseline(Findings, (*B)->getBuffer(), Baseline)) {
      reportError(errs(), std::move(E));
      return int(ExitCode::InputError);
    }
  }
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        if (Format == "sarif")
          report::writeCheckSarif(OS, Findings, Files.tree());
        else if (Format == "json")
          report::writeCheckJson(OS, *PS, Findings);
        else
          report::writeCheckText(OS, Findings);
        return Error::success();
      }))
    return failed(std::move(E));
  errs() << "dcalias check: " << PS->Patches << " patch(es), " << PS->Files.size() << " file(s), "
         << Findings.size() << " finding(s)\n";
  // Notes (conservative predicates, unchecked headers) inform; warnings fail the check.
  for (const ci::CheckFinding &F : Findings)
    if (F.Severity == "warning")
      return int(ExitCode::Findings);
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
