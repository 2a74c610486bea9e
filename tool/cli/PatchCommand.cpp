// dcalias patch <tree> [-o DIR] [--style seed|upstream]: the series from the arch cache model.
#include "cli/Commands.h"

#include "archmodel/Audit.h"
#include "kconfig/Kconfig.h"
#include "patchgen/Series.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
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
static cl::opt<std::string> Format("format", cl::desc("text | json (a dcalias-patch/1 summary of the series on stdout; the patch files still go to -o DIR)"),
                                   cl::init("text"), cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<bool> Verify("verify", cl::desc("probe each patched asm/cachetype.h with Clang under every CPU type of "
                                           "its arch (in memory) and compare with the model"),
                            cl::sub(PatchCmd), cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("audit this many architectures in parallel (default: all cores)"),
                              cl::init(0), cl::Prefix, cl::sub(PatchCmd), cl::cat(Category));

int runPatch() {
  if (StyleOpt != "seed" && StyleOpt != "upstream") {
    errs() << "dcalias: error: --style must be seed or upstream\n";
    return int(ExitCode::InputError);
  }
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  SmallString<256> Abs(*Dir);
  kconfig::FileCache Files(Abs.str().str());
  auto Models = archmodel::modelAllArches(Files, RulesDir, Jobs);
  if (!Models) {
    reportError(errs(), Models.takeError());
    return int(ExitCode::InputError);
  }
  std::vector<patchgen::ArchInput> &Inputs = *Models;
  patchgen::SeriesOptions O;
  O.Tree = Files.tree();
  O.S = StyleOpt == "upstream" ? patchgen::Style::Upstream : patchgen::Style::Seed;
  O.Author = Author;
  O.Version = DCALIAS_VERSION;
  auto S = patchgen::buildSeries(O, Inputs);
  if (!S) {
    reportError(errs(), S.takeError());
    return int(ExitCode::InputError);
  }
  if (Format != "text" && Format != "json") {
    errs() << "dcalias: error: --format must be text or json\n";
    return int(ExitCode::InputError);
  }
  bool Json = Format == "json";
  unsigned M = S->Patches.size();
  if (OutDir.empty() && !Json) {
    for (unsigned I = 0; I < M; ++I)
      outs() << patchgen::formatPatch(O, I + 1, M, S->Patches[I]);
  } else if (!OutDir.empty()) {
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
      if (!Json)
        outs() << Path << "\n";
    }
  }
  for (const std::string &Sk : S->Skipped)
    errs() << "dcalias patch: not patched: " << Sk << "\n";
  struct VerifyResult {
    std::string Arch, Status;
    unsigned Same = 0, Rows = 0;
    std::vector<std::string> Differences;
  };
  std::vector<VerifyResult> Verified;
  auto emitJson = [&](bool Mismatch) {
    json::OStream J(outs(), 2);
    J.objectBegin();
    J.attribute("schema", "dcalias-patch/1");
    J.attributeObject("tool", [&] {
      J.attribute("name", "dcalias");
      J.attribute("version", DCALIAS_VERSION);
    });
    J.attribute("tree", sys::path::filename(Files.tree()).str());
    J.attribute("style", std::string(StyleOpt));
    J.attributeArray("patches", [&] {
      for (unsigned I = 0; I < M; ++I) {
        const patchgen::Patch &P = S->Patches[I];
        J.objectBegin();
        J.attribute("file", patchgen::patchFileName(I + 1, P));
        J.attribute("subject", P.Subject);
        if (!P.Arch.empty())
          J.attribute("arch", P.Arch);
        unsigned Ins = 0, Del = 0;
        J.attributeArray("files", [&] {
          for (const patchgen::FileChange &C : P.Changes) {
            J.value(C.Path);
            for (const patchgen::Edit &E : C.Edits) {
              Ins += E.Add.size();
              Del += E.Remove;
            }
          }
        });
        J.attribute("insertions", int64_t(Ins));
        J.attribute("deletions", int64_t(Del));
        J.objectEnd();
      }
    });
    J.attributeArray("not_patched", [&] {
      for (const std::string &Sk : S->Skipped)
        J.value(Sk);
    });
    if (Verify)
      J.attributeArray("verify", [&] {
        for (const VerifyResult &V : Verified) {
          J.objectBegin();
          J.attribute("arch", V.Arch);
          J.attribute("rows", int64_t(V.Rows));
          J.attribute("matching", int64_t(V.Same));
          J.attribute("status", V.Status);
          J.attributeArray("differences", [&] {
            for (const std::string &D : V.Differences)
              J.value(D);
          });
          J.objectEnd();
        }
      });
    J.objectEnd();
    outs() << "\n";
    return Mismatch ? int(ExitCode::Findings) : int(ExitCode::Clean);
  };
  if (!Verify)
    return Json ? emitJson(false) : int(ExitCode::Clean);
  // The patched header, probed like the model's predicate: same configurations, targets and
  // include paths; each row must fold the same way (constant true, constant false, run-time).
  bool Mismatch = false;
  patchgen::Names N = patchgen::namesFor(O.S);
  for (const patchgen::Patch &P : S->Patches) {
    if (P.Arch.empty())
      continue;
    const patchgen::ArchInput *In = nullptr;
    for (const auto &I : Inputs)
      if (I.Audit.Arch == P.Arch)
        In = &I;
    archmodel::ProbeOverride Ov;
    for (const patchgen::FileChange &C : P.Changes)
      if (StringRef(C.Path).ends_with("/asm/cachetype.h"))
        Ov.Replace[C.Path] = patchgen::applied(C);
    if (!In || Ov.Replace.empty())
      continue;
    Ov.Headers = {"asm/cachetype.h"};
    Ov.Expr = N.Predicate + "()";
    DiagList Diags;
    auto A = archmodel::auditArch(Files, P.Arch, In->Rule, Diags, &Ov);
    if (!A) {
      reportError(errs(), A.takeError());
      return int(ExitCode::InputError);
    }
    unsigned Same = 0, Rows = 0;
    // Differences grouped by kind, with the first row of each and its first error line.
    std::map<std::string, std::pair<unsigned, std::string>> Groups;
    auto cmp = [&](const archmodel::CpuVerdict &Model, const archmodel::CpuVerdict &Patched) {
      ++Rows;
      if (Model.Result == Patched.Result) {
        ++Same;
        return;
      }
      std::string Kind = std::string("model ") + archmodel::aliasName(Model.Result) + ", patched header " +
                         archmodel::aliasName(Patched.Result);
      auto &G = Groups[Kind];
      if (G.first++ == 0) {
        G.second = Model.Name;
        SmallVector<StringRef, 0> Lines;
        StringRef(Patched.Error).split(Lines, '\n');
        for (StringRef L : Lines)
          if (L.contains(": error: ")) {
            G.second += ": " + L.substr(L.find(": error: ") + 2).str();
            break;
          }
      }
    };
    for (size_t I = 0; I < A->Cpus.size() && I < In->Audit.Cpus.size(); ++I)
      cmp(In->Audit.Cpus[I], A->Cpus[I]);
    if (!In->Audit.Combined.Name.empty())
      cmp(In->Audit.Combined, A->Combined);
    // Rows the patched header could not be probed for are unverified, not wrong: said apart.
    unsigned Unverified = 0;
    for (const auto &[Kind, G] : Groups)
      if (StringRef(Kind).ends_with("patched header unknown"))
        Unverified += G.first;
    bool Wrong = Same + Unverified != Rows;
    VerifyResult VR{P.Arch, Wrong ? "mismatch" : Unverified ? "unverified" : "ok", Same, Rows, {}};
    for (const auto &[Kind, G] : Groups)
      VR.Differences.push_back(formatv("{0} row(s): {1} (first: {2})", G.first, Kind, G.second).str());
    if (!Json) {
      outs() << formatv("verify {0}: {1} of {2} CPU-type rows fold as the model says ({3})\n", P.Arch, Same,
                        Rows, Wrong ? "MISMATCH" : Unverified ? "UNVERIFIED rows: the header does not parse for Clang's stand-in target" : "ok");
      for (const std::string &D : VR.Differences)
        outs() << "  " << D << "\n";
    }
    Verified.push_back(std::move(VR));
    Mismatch |= Wrong;
  }
  if (Json)
    return emitJson(Mismatch);
  return Mismatch ? int(ExitCode::Findings) : int(ExitCode::Clean);
}

} // namespace dcalias::cli
