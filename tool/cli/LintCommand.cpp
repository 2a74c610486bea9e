// dcalias lint -p <build dir> [files...]: DAX paths touching pages through the linear mapping
// without flush_dcache_folio(), clang-tidy style diagnostics (text) or JSON.
#include "cli/Commands.h"

#include "daxlint/Lint.h"
#include "report/LintOutput.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"
#include "support/Version.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace llvm;

namespace dcalias::cli {

static cl::opt<std::string> BuildPath("p", cl::desc("directory holding compile_commands.json"),
                                      cl::Required, cl::value_desc("dir"), cl::sub(LintCmd), cl::cat(Category));
static cl::list<std::string> Sources(cl::Positional, cl::desc("[files...] (default: all of the database)"),
                                     cl::sub(LintCmd), cl::cat(Category));
static cl::opt<std::string> RulesFile("rules", cl::desc("lint rules (default: rules/daxlint.json)"),
                                      cl::sub(LintCmd), cl::cat(Category));
static cl::opt<std::string> SrcRoot("src-root", cl::desc("report paths relative to this directory (the kernel tree)"),
                                    cl::sub(LintCmd), cl::cat(Category));
static cl::opt<std::string> Format("format", cl::desc("text | json (schema dcalias-lint/1) | sarif"),
                                   cl::init("text"), cl::sub(LintCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("write the report here (default: stdout)"),
                                   cl::init("-"), cl::sub(LintCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("parse this many files in parallel (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(LintCmd), cl::cat(Category));
static cl::list<std::string> ExtraArg("extra-arg", cl::desc("argument appended to each compile command"),
                                      cl::sub(LintCmd), cl::cat(Category));
static cl::opt<bool> Quiet("q", cl::desc("no summary line on stderr"), cl::sub(LintCmd), cl::cat(Category));

int runLint() {
  if (Format != "text" && Format != "json" && Format != "sarif") {
    errs() << "dcalias: error: --format must be text, json or sarif\n";
    return int(ExitCode::InputError);
  }
  auto Start = std::chrono::steady_clock::now();
  auto R = daxlint::loadLintRules(RulesFile);
  if (!R) {
    reportError(errs(), R.takeError());
    return int(ExitCode::InputError);
  }
  daxlint::LintOptions O;
  O.BuildDir = BuildPath;
  O.Files.assign(Sources.begin(), Sources.end());
  O.Jobs = Jobs;
  O.ExtraArgs.assign(ExtraArg.begin(), ExtraArg.end());
  auto Res = daxlint::runLint(O, *R);
  if (!Res) {
    reportError(errs(), Res.takeError());
    return int(ExitCode::InputError);
  }
  std::string Root = SrcRoot.empty() ? "" : report::makeRelative(*Res, SrcRoot);
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        if (Format == "sarif")
          report::writeLintSarif(OS, *Res, Root);
        else if (Format == "json")
          report::writeLintJson(OS, *Res);
        else // colour only on a terminal (writeOutput enables it there)
          report::writeLintText(OS, Res->Findings);
        return Error::success();
      }))
    return failed(std::move(E));
  // Beside the findings of the others, never instead of them; an incomplete run is exit 2.
  if (Error E = daxlint::failedUnits(*Res))
    reportError(errs(), std::move(E));
  if (!Quiet)
    errs() << formatv("dcalias lint: {0} translation unit(s){1}, {2} functions, {3} finding(s), {4:f2} s\n",
                      Res->TranslationUnits,
                      Res->Failed.empty()      ? std::string()
                      : Res->Failed.size() == 1 ? std::string(" (1 does not parse and is not analysed: the run is incomplete)")
                                                : formatv(" ({0} do not parse and are not analysed: the run is incomplete)",
                                                          Res->Failed.size()).str(),
                      Res->Functions, Res->Findings.size(),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count());
  if (!Res->Failed.empty())
    return int(ExitCode::InputError);
  return Res->Findings.empty() ? int(ExitCode::Clean) : int(ExitCode::Findings);
}

} // namespace dcalias::cli
