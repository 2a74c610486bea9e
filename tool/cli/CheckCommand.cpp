// dcalias check <tree> --patch FILE|-: what a kernel patch changes about cache aliasing.
#include "cli/Commands.h"

#include "archmodel/Audit.h"
#include "ci/Check.h"
#include "daxlint/Lint.h"
#include "report/Sarif.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"
#include "support/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

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

static std::vector<report::SarifRule> checkRules() {
  return report::sarifRules({"kconfig-arch-exclusion", "kconfig-select-disagrees", "predicate-disagrees",
                             "predicate-unchecked", "dax-linear-write", "dax-linear-read"});
}

int runCheck() {
  if (Format != "text" && Format != "json" && Format != "sarif") {
    errs() << "dcalias: error: --format must be text, json or sarif\n";
    return int(ExitCode::InputError);
  }
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  SmallString<256> Abs(*Dir);
  std::string All;
  for (const std::string &P : PatchFiles) {
    auto B = readInput(P, /*AllowStdin=*/true);
    if (!B) {
      reportError(errs(), B.takeError());
      return int(ExitCode::InputError);
    }
    All += (*B)->getBuffer().str();
    if (!All.empty() && All.back() != '\n')
      All += "\n";
  }
  std::string Name = PatchFiles.size() == 1 ? (PatchFiles[0] == "-" ? "<stdin>" : PatchFiles[0]) : "<patches>";
  auto PS = ci::applyPatch(Abs.str().str(), All, Name);
  if (!PS) {
    reportError(errs(), PS.takeError());
    return int(ExitCode::InputError);
  }
  auto Rules = ci::loadCheckRules();
  if (!Rules) {
    reportError(errs(), Rules.takeError());
    return int(ExitCode::InputError);
  }
  kconfig::FileCache Files(Abs.str().str());
  auto Models = archmodel::modelAllArches(Files, RulesDir, Jobs);
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
    // The DAX lint before and after the patch over the database's translation units; new
    // findings (by line-independent identity) in the files the patch touches are reported.
    auto LR = daxlint::loadLintRules();
    if (!LR) {
      reportError(errs(), LR.takeError());
      return int(ExitCode::InputError);
    }
    daxlint::LintOptions LO;
    LO.BuildDir = BuildPath;
    LO.Jobs = Jobs;
    auto Base = daxlint::runLint(LO, *LR);
    if (!Base) {
      reportError(errs(), Base.takeError());
      return int(ExitCode::InputError);
    }
    for (const auto &[Path, F] : PS->Files)
      LO.Overlay[Files.tree() + "/" + Path] = F.New;
    auto After = daxlint::runLint(LO, *LR);
    if (!After) {
      reportError(errs(), After.takeError());
      return int(ExitCode::InputError);
    }
    std::set<std::string> Known;
    for (const daxlint::Finding &F : Base->Findings)
      Known.insert(daxlint::stableKey(F));
    std::string Prefix = Files.tree() + "/";
    for (const daxlint::Finding &F : After->Findings) {
      StringRef File(F.At.File);
      if (!File.consume_front(Prefix) || !PS->Files.count(File.str()) || Known.count(daxlint::stableKey(F)))
        continue;
      ci::CheckFinding C;
      C.RuleId = F.RuleId;
      C.Severity = "warning";
      C.File = File.str();
      C.Line = F.At.Line;
      C.Message = std::string("kernel ") + (F.Write ? "write to" : "read of") +
                  " a page through the linear mapping without flush_dcache_folio() on every path, in " +
                  F.Function + "(): " + F.Touch;
      C.Related.push_back("address: " + F.Origin);
      std::string Chain;
      for (const std::string &X : F.Chain)
        Chain += (Chain.empty() ? "" : " -> ") + X;
      C.Related.push_back("call chain: " + Chain);
      C.Key = daxlint::stableKey(F);
      Findings.push_back(std::move(C));
    }
  }
  if (!Baseline.empty()) {
    auto B = readInput(Baseline);
    if (!B) {
      reportError(errs(), B.takeError());
      return int(ExitCode::InputError);
    }
    auto J = json::parse((*B)->getBuffer());
    if (!J) {
      errs() << "dcalias: error: " << Baseline << ": " << toString(J.takeError()) << "\n";
      return int(ExitCode::InputError);
    }
    std::set<std::string> Known;
    if (const json::Array *A = J->getAsObject() ? J->getAsObject()->getArray("findings") : nullptr)
      for (const json::Value &V : *A)
        if (const json::Object *O = V.getAsObject())
          if (auto K = O->getString("fingerprint"))
            Known.insert(K->str());
    std::vector<ci::CheckFinding> Kept;
    for (ci::CheckFinding &F : Findings)
      if (!Known.count(F.Key))
        Kept.push_back(std::move(F));
    Findings = std::move(Kept);
  }
  auto Stream = openOutput(Output);
  if (!Stream)
    return int(ExitCode::InputError);
  raw_fd_ostream &OS = *Stream;
  if (Format == "sarif") {
    std::vector<report::SarifResult> Rs;
    for (const ci::CheckFinding &F : Findings) {
      report::SarifResult R;
      R.RuleId = F.RuleId;
      R.Level = F.Severity;
      R.Message = F.Message;
      R.At = {F.File, F.Line, 0, ""};
      for (const std::string &Rel : F.Related)
        R.Related.push_back({"", 0, 0, Rel});
      R.FingerprintSource = F.Key;
      Rs.push_back(std::move(R));
    }
    report::writeSarif(OS, checkRules(), Rs, Files.tree());
  } else if (Format == "json") {
    json::OStream J(OS, 2);
    J.objectBegin();
    J.attribute("schema", "dcalias-check/1");
    J.attributeObject("tool", [&] {
      J.attribute("name", "dcalias");
      J.attribute("version", DCALIAS_VERSION);
    });
    J.attribute("patches", int64_t(PS->Patches));
    J.attributeArray("files", [&] {
      for (const auto &[Path, F] : PS->Files)
        J.value(Path);
    });
    J.attributeArray("findings", [&] {
      for (const ci::CheckFinding &F : Findings) {
        J.objectBegin();
        J.attribute("rule", F.RuleId);
        J.attribute("severity", F.Severity);
        J.attributeObject("location", [&] {
          J.attribute("file", F.File);
          J.attribute("line", int64_t(F.Line));
        });
        J.attribute("message", F.Message);
        J.attributeArray("related", [&] {
          for (const std::string &R : F.Related)
            J.value(R);
        });
        J.attribute("fingerprint", F.Key);
        J.objectEnd();
      }
    });
    J.objectEnd();
    OS << "\n";
  } else {
    for (const ci::CheckFinding &F : Findings) {
      OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true) << F.File << ":" << F.Line << ":1: ";
      OS.changeColor(F.Severity == "warning" ? raw_ostream::MAGENTA : raw_ostream::CYAN, true) << F.Severity << ":";
      OS.resetColor() << " " << F.Message << " [" << F.RuleId << "]\n";
      for (const std::string &R : F.Related)
        OS << "  " << R << "\n";
    }
  }
  errs() << "dcalias check: " << PS->Patches << " patch(es), " << PS->Files.size() << " file(s), "
         << Findings.size() << " finding(s)\n";
  // Notes (conservative predicates, unchecked headers) inform; warnings fail the check.
  for (const ci::CheckFinding &F : Findings)
    if (F.Severity == "warning")
      return int(ExitCode::Findings);
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
