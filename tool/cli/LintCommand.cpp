// dcalias lint -p <build dir> [files...]: DAX paths touching pages through the linear mapping
// without flush_dcache_folio(), clang-tidy style diagnostics (text) or JSON.
#include "cli/Commands.h"

#include "daxlint/Lint.h"
#include "report/Sarif.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
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
  auto Stream = openOutput(Output);
  if (!Stream)
    return int(ExitCode::InputError);
  raw_fd_ostream &OS = *Stream;
  std::string Root = SrcRoot;
  if (!Root.empty()) {
    SmallString<256> A(Root);
    sys::fs::make_absolute(A);
    sys::path::remove_dots(A, true);
    Root = A.str().str() + "/";
    auto rel = [&](std::string &F) {
      if (StringRef(F).starts_with(Root))
        F = F.substr(Root.size());
    };
    for (daxlint::Finding &F : Res->Findings) {
      rel(F.At.File);
      for (daxlint::Loc &L : F.ChainAt)
        rel(L.File);
    }
  }
  if (Format == "sarif") {
    std::vector<report::SarifRule> Rules = report::sarifRules({"dax-linear-write", "dax-linear-read"});
    std::vector<report::SarifResult> Rs;
    for (const daxlint::Finding &F : Res->Findings) {
      report::SarifResult R;
      R.RuleId = F.RuleId;
      R.Level = "warning";
      R.Message = std::string("kernel ") + (F.Write ? "write to" : "read of") +
                  " a page through the linear mapping without flush_dcache_folio() on every path: " + F.Touch;
      R.At = {F.At.File, F.At.Line, F.At.Col, ""};
      R.Related.push_back({"", 0, 0, "address: " + F.Origin});
      for (size_t I = 0; I < F.Chain.size(); ++I)
        R.Flow.push_back({I < F.ChainAt.size() ? F.ChainAt[I].File : F.At.File,
                          I < F.ChainAt.size() ? F.ChainAt[I].Line : 0, 0, F.Chain[I]});
      std::string Stable = daxlint::stableKey(F);
      R.FingerprintSource = Stable;
      Rs.push_back(std::move(R));
    }
    report::writeSarif(OS, Rules, Rs, SrcRoot.empty() ? "" : Root);
  } else if (Format == "json") {
    json::OStream J(OS, 2);
    J.objectBegin();
    J.attribute("schema", "dcalias-lint/1");
    J.attributeObject("tool", [&] {
      J.attribute("name", "dcalias");
      J.attribute("version", DCALIAS_VERSION);
    });
    J.attribute("translation_units", int64_t(Res->TranslationUnits));
    J.attributeArray("findings", [&] {
      for (const daxlint::Finding &F : Res->Findings) {
        J.objectBegin();
        J.attribute("rule", F.RuleId);
        J.attributeObject("location", [&] {
          J.attribute("file", F.At.File);
          J.attribute("line", int64_t(F.At.Line));
          J.attribute("column", int64_t(F.At.Col));
        });
        J.attribute("function", F.Function);
        J.attribute("direction", F.Write ? "kernel write" : "kernel read");
        J.attribute("touch", F.Touch);
        J.attribute("origin", F.Origin);
        J.attributeArray("call_chain", [&] {
          for (const std::string &C : F.Chain)
            J.value(C);
        });
        J.objectEnd();
      }
    });
    J.objectEnd();
    OS << "\n";
  } else {
    // Colour only on a terminal (raw_ostream decides: has_colors() is false for files/pipes).
    for (const daxlint::Finding &F : Res->Findings)
      daxlint::printFinding(OS, F);
  }
  if (!Quiet)
    errs() << formatv("dcalias lint: {0} translation unit(s), {1} functions, {2} finding(s), {3:f2} s\n",
                      Res->TranslationUnits, Res->Functions, Res->Findings.size(),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count());
  return Res->Findings.empty() ? int(ExitCode::Clean) : int(ExitCode::Findings);
}

} // namespace dcalias::cli
