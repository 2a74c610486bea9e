#include "archmodel/Audit.h"
#include "report/AuditJson.h"
#include "cli/Commands.h"
#include "kconfig/Kconfig.h"
#include "support/ExitCode.h"
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

// A probe's diagnostics can run to hundreds of lines (a stand-in target rejecting an arch's
// inline asm); the table keeps the headline and the first error, --evidence and JSON keep all.
static std::string firstLines(StringRef Text) {
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  if (Lines.size() <= 2)
    return Text.rtrim().str();
  std::string Out = Lines[0].str();
  for (StringRef L : ArrayRef(Lines).drop_front())
    if (L.contains("error: ")) {
      Out += "\n      " + L.str();
      break;
    }
  return Out + "\n      ... (" + std::to_string(Lines.size() - 2) + " more lines with --evidence)";
}

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
static cl::opt<bool> Evidence("evidence", cl::desc("print each CPU type's select chain"),
                              cl::sub(AuditCmd), cl::cat(Category));

static bool isDigit(char C) { return C >= '0' && C <= '9'; }

// The table fits a 100-column terminal: a longer line is wrapped at spaces, its continuation
// indented four columns deeper than the line. Compiler diagnostics (--evidence) keep their
// lines, as Clang printed them.
static std::string fitColumns(StringRef Text, size_t Width = 100) {
  std::string Out;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t N = 0; N < Lines.size(); ++N) {
    StringRef L = Lines[N];
    StringRef T = L.ltrim();
    bool TableNote = T.starts_with("note: ") || T.starts_with("not checked: ") ||
                     T.starts_with("points the other way: ") || T.starts_with("agrees: ");
    bool Diagnostic = (!TableNote && (L.contains(": error: ") || L.contains(": note: "))) ||
                      L.contains("In file included") ||
                      L.ltrim().starts_with("|") || (L.size() > 7 && L.ltrim().take_while(isDigit).size() > 0 &&
                                                     L.ltrim().drop_while(isDigit).starts_with(" |"));
    if (L.size() <= Width || Diagnostic) {
      Out += L.str();
    } else {
      // Break at the last space that fits, keeping the line's own spacing (table columns).
      std::string Indent(L.size() - L.ltrim(' ').size() + 4, ' ');
      std::string Rest = L.str();
      size_t MinBreak = L.size() - L.ltrim(' ').size() + 1;
      while (Rest.size() > Width) {
        size_t Cut = Rest.rfind(' ', Width);
        if (Cut == std::string::npos || Cut < MinBreak)
          Cut = Rest.find(' ', Width);
        if (Cut == std::string::npos)
          break;
        size_t End = Cut;
        while (End > 0 && Rest[End - 1] == ' ')
          --End;
        Out += Rest.substr(0, End) + "\n";
        size_t Next = Rest.find_first_not_of(' ', Cut);
        Rest = Indent + (Next == std::string::npos ? "" : Rest.substr(Next));
        MinBreak = Indent.size() + 1;
      }
      Out += Rest;
    }
    if (N + 1 < Lines.size())
      Out += "\n";
  }
  return Out;
}

int runAudit() {
  DiagList Diags;
  if (Format != "text" && Format != "json") {
    errs() << "dcalias: error: --format must be text or json\n";
    return int(ExitCode::InputError);
  }
  bool Json = Format == "json";
  report::AuditRun Run;
  std::string Text;
  raw_string_ostream Out(Text);
  SmallString<256> Abs(Tree);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  if (!sys::fs::is_directory(Abs)) {
    errs() << "dcalias: error: '" << Tree << "' is not a directory\n";
    return int(ExitCode::InputError);
  }
  auto Start = std::chrono::steady_clock::now();
  kconfig::FileCache Files(Abs.str().str());
  std::vector<std::string> Arches;
  if (ArchOpt == "all") {
    // One run per arch directory (ARCH aliases share their directory's model).
    std::error_code EC;
    for (sys::fs::directory_iterator It(Files.tree() + "/arch", EC), E; It != E && !EC; It.increment(EC))
      if (sys::fs::exists(It->path() + "/Kconfig"))
        Arches.push_back(sys::path::filename(It->path()).str());
    std::sort(Arches.begin(), Arches.end());
  } else {
    SmallVector<StringRef> Parts;
    StringRef(ArchOpt).split(Parts, ',', -1, false);
    for (StringRef P : Parts)
      Arches.push_back(P.trim().str());
  }
  // Whole-arch audits are independent: run them on a thread pool, print in order afterwards.
  std::vector<std::optional<Expected<archmodel::ArchAudit>>> Pre(Arches.size());
  std::vector<DiagList> PreDiags(Arches.size());
  if (ConfigFile.empty() && Defconfig.empty()) {
    Progress Bar("audit", Arches.size(), "architectures");
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (size_t I = 0; I < Arches.size(); ++I) {
      Pool.async([&, I] {
        std::string SA = kconfig::srcArchFor(Arches[I]);
        auto R = archmodel::loadCacheRule(SA, RulesDir);
        if (!R) {
          consumeError(R.takeError()); // reported again, in order, below
          return;
        }
        if (!*R) {
          R = archmodel::loadCacheRule("generic", RulesDir);
          if (!R || !*R) {
            if (!R)
              consumeError(R.takeError());
            return;
          }
        }
        Pre[I].emplace(archmodel::auditArch(Files, Arches[I], **R, PreDiags[I]));
        Bar.tick();
      });
    }
    Pool.wait();
  }
  bool Failed = false;
  for (size_t Index = 0; Index < Arches.size(); ++Index) {
    const std::string &Arch = Arches[Index];
    auto Rule = archmodel::loadCacheRule(kconfig::srcArchFor(Arch), RulesDir);
    if (!Rule) {
      errs() << "dcalias: " << toString(Rule.takeError()) << "\n";
      return int(ExitCode::InputError);
    }
    bool Generic = false;
    if (!*Rule) {
      // No arch rule: judge from the generic evidence (rules/cache-models/generic.json).
      Rule = archmodel::loadCacheRule("generic", RulesDir);
      if (!Rule) {
        errs() << "dcalias: " << toString(Rule.takeError()) << "\n";
        return int(ExitCode::InputError);
      }
      if (!*Rule) {
        Out << formatv("{0,-10} unknown   no rules/cache-models/{1}.json and no generic.json\n",
                          Arch, kconfig::srcArchFor(Arch));
        Run.NoRule.push_back({Arch, "no rules/cache-models/" + kconfig::srcArchFor(Arch) + ".json and no generic.json"});
        continue;
      }
      Generic = true;
    }
    if (Json && (!ConfigFile.empty() || !Defconfig.empty())) {
      errs() << "dcalias: error: --format json is for whole-arch audits (not --defconfig/--config yet)\n";
      return int(ExitCode::InputError);
    }
    std::string One = !ConfigFile.empty() ? ConfigFile.getValue() : Defconfig.getValue();
    if (!One.empty()) {
      auto C = archmodel::auditConfig(Files, Arch, **Rule, One, Diags);
      if (!C) {
        errs() << "dcalias: " << toString(C.takeError()) << "\n";
        return int(ExitCode::InputError);
      }
      const archmodel::CpuVerdict &V = C->Result;
      const char *Fold = V.Result == archmodel::Alias::Always    ? "constant true"
                         : V.Result == archmodel::Alias::Never   ? "constant false"
                         : V.Result == archmodel::Alias::Runtime ? "run-time"
                                                                 : "unknown";
      Out << formatv("{0} {1}: {2}: {3}\n", Arch, C->Label, V.Probe.empty() ? "?" : V.Probe, Fold);
      if (!V.DefineValue.empty())
        Out << "  " << (*Rule)->MakeDefine->Define << " = " << V.DefineValue << "\n";
      if (!V.Loads.empty()) {
        Out << "  decided at run time by:";
        for (auto &L : V.Loads)
          Out << " " << L;
        Out << "\n";
      }
      if (!C->CpuTypes.empty()) {
        Out << "  CPU types enabled:";
        for (auto &T : C->CpuTypes)
          Out << " " << T;
        Out << "\n";
      }
      if (!V.Error.empty())
        Out << "  " << V.Error << "\n";
      continue;
    }
    auto A = Pre[Index] ? std::move(*Pre[Index]) : archmodel::auditArch(Files, Arch, **Rule, Diags);
    PreDiags[Index].print(errs());
    if (!A) {
      Diags.print(errs());
      errs() << "dcalias: " << toString(A.takeError()) << "\n";
      Failed = true;
      continue;
    }
    A->Generic = Generic;
    Out << formatv("{0,-10} {1,-9} predicate: {2}{3}\n", Arch, archmodel::verdictName(A->Result),
                      A->Expr, Generic ? "   (generic evidence only: no arch rule)" : "");
    Out << "           evidence: " << A->ExprCite << "\n";
    if (!A->DefineCite.empty())
      Out << "                     " << A->DefineCite << "\n";
    Out << "           CPU types: " << A->CpuCite << "\n";
    if (A->Result == archmodel::Verdict::Static || A->Result == archmodel::Verdict::Dynamic) {
      std::vector<std::string> Cond = archmodel::aliasingCondition(*A);
      Out << "           Kconfig: select ARCH_HAS_CACHE_ALIASING"
          << (A->Result == archmodel::Verdict::Dynamic ? "_DYNAMIC" : "")
          << (Cond.empty() ? std::string(" (unconditional)") : " if " + llvm::join(Cond, " || ")) << "\n";
    }
    if (A->HasExisting)
      Out << "           tree's cpu_dcache_is_aliasing(): " << A->Comparison << " ("
          << A->ExistingCite << ")\n";
    if (!A->Dax.empty()) {
      Out << "           DAX reachable (SAT over Kconfig):";
      for (const kconfig::Reach &R : A->Dax)
        Out << " " << R.Symbol << "=" << (!R.Exists ? "undefined" : R.Enabled ? "yes" : "no");
      Out << "\n";
      for (const kconfig::Reach &R : A->Dax)
        if (R.Exists && !R.Enabled)
          Out << "             " << R.Symbol << " blocked: " << R.Blocker << "\n";
    }
    auto row = [&](const archmodel::CpuVerdict &V) {
      std::string Extra;
      if (!V.DefineValue.empty())
        Extra += "arch " + V.DefineValue;
      if (!V.Loads.empty()) {
        Extra += Extra.empty() ? "" : "; ";
        Extra += "reads";
        for (auto &L : V.Loads)
          Extra += " " + L;
      }
      if (A->HasExisting) {
        Extra += Extra.empty() ? "" : "; ";
        Extra += std::string("tree: ") + archmodel::aliasName(V.Existing);
      }
      Out << formatv("  {0,-20} {1,-9} {2,-28} {3}\n", V.Name, archmodel::aliasName(V.Result),
                        V.Defined.File ? V.Defined.str() : std::string(), Extra);
      for (auto &N : V.Notes)
        Out << "      note: " << N << "\n";
      for (auto &N : V.AlsoChecked)
        if (Evidence || !StringRef(N).starts_with("agrees"))
          Out << "      " << N << "\n";
      if (!V.Error.empty())
        Out << "      " << (Evidence ? V.Error : firstLines(V.Error)) << "\n";
      if (Evidence) {
        for (auto &S : V.Selects)
          Out << "      select " << S << "\n";
        for (auto &D : V.Definitions)
          Out << "      defined " << D << "\n";
      }
    };
    for (const auto &V : A->Cpus)
      row(V);
    if (!A->Combined.Name.empty())
      row(A->Combined);
    Run.Arches.push_back(std::move(*A));
  }
  if (!Quiet)
    errs() << formatv("dcalias audit: {0} architecture(s), {1} Clang probes, {2} Kconfig files, "
                      "{3:f2} s\n",
                      Arches.size(), archmodel::probesRun(), Files.filesParsed(),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count());
  Run.TreeName = sys::path::filename(Abs).str();
  Run.KernelVersion = kconfig::kernelVersionOf(Files.tree());
  if (Error E = writeToOutput(Output, [&](raw_ostream &OS) {
        if (Json)
          report::writeAuditJson(OS, Run);
        else
          OS << fitColumns(Out.str());
        return Error::success();
      })) {
    errs() << "dcalias: " << toString(std::move(E)) << "\n";
    return int(ExitCode::InputError);
  }
  return Failed ? int(ExitCode::InputError) : int(ExitCode::Clean);
}

} // namespace dcalias::cli
