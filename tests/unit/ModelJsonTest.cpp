// archmodel/ModelJson: what the model cache and the shards of a sweep store reads back whole.
#include "archmodel/ModelJson.h"
#include "report/AuditJson.h"
#include "report/AuditShard.h"

#include "llvm/Support/raw_ostream.h"

#include <doctest/doctest.h>

using namespace dcalias;

namespace {
archmodel::ArchModel sampleModel() {
  static const std::string File = "arch/fx/mm/Kconfig";
  archmodel::ArchModel M;
  archmodel::ArchAudit &A = M.Audit;
  A.Arch = "fx";
  A.Result = archmodel::Verdict::Dynamic;
  A.Expr = "cache_is_vivt() || cache_is_vipt_aliasing()";
  A.ExprCite = "arch/fx/include/asm/cachetype.h";
  A.CpuCite = "arch/fx/mm/Kconfig: FX_CPU_*";
  A.DefineCite = "arch/fx/Makefile";
  A.DecidingCite = "cite";
  archmodel::CpuVerdict V;
  V.Name = "FX_CPU_MID";
  V.Defined = {&File, 10};
  V.Result = archmodel::Alias::Runtime;
  V.DefineValue = "2";
  V.Selects = {"FX_CPU_MID -> FX_ARCH_V2 (arch/fx/mm/Kconfig:11)"};
  V.Loads = {"cacheid"};
  V.Definitions = {"cache_is_vivt arch/fx/include/asm/cachetype.h:5"};
  V.Probe = "cache_is_vivt()";
  V.Existing = archmodel::Alias::Always;
  V.ExistingError = "e1";
  V.Error = "e2";
  V.Notes = {"n"};
  V.AlsoChecked = {"agrees: x"};
  V.Overruled = "o";
  V.Unreachable = "u";
  A.Cpus = {V};
  A.Combined = V;
  A.Combined.Name = "all CPU types";
  A.Combined.Defined = {};
  A.HasExisting = true;
  A.ExistingCite = "include/linux/cacheinfo.h";
  A.Comparison = "conservative";
  A.Dax = {{"FS_DAX", true, false, "depends on X (fs/Kconfig:1)"}};
  M.Diags.warning({"arch/fx/Kconfig", 3, 0}, "a warning");
  return M;
}

std::string json(const archmodel::ArchModel &M) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  report::writeAuditJson(OS, {"tree", "1.0", {M.Audit}});
  return S;
}
} // namespace

TEST_CASE("model JSON: every field of the audit and its diagnostics reads back") {
  archmodel::ArchModel M = sampleModel();
  auto Back = archmodel::modelFromJson(archmodel::modelToJson(M));
  REQUIRE(Back);
  CHECK(json(*Back) == json(M));
  REQUIRE(Back->Audit.Cpus.size() == 1);
  CHECK(*Back->Audit.Cpus[0].Defined.File == "arch/fx/mm/Kconfig");
  CHECK(Back->Audit.Cpus[0].Unreachable == "u");
  CHECK(Back->Audit.Combined.Defined.File == nullptr);
  REQUIRE(Back->Diags.all().size() == 1);
  CHECK(Back->Diags.all()[0].Message == "a warning");
  CHECK(Back->Diags.all()[0].Loc.Line == 3);
}

TEST_CASE("model JSON: a field missing or of another type is no model at all") {
  llvm::json::Value V = archmodel::modelToJson(sampleModel());
  V.getAsObject()->erase("cpus");
  CHECK(!archmodel::modelFromJson(V));
  llvm::json::Value W = archmodel::modelToJson(sampleModel());
  (*W.getAsObject())["result"] = 99; // no such verdict
  CHECK(!archmodel::modelFromJson(W));
  CHECK(!archmodel::modelFromJson(llvm::json::Value("x")));
}

TEST_CASE("shards: dealt round-robin, and I/N is checked") {
  auto S = report::parseShard("2/3");
  REQUIRE(bool(S));
  CHECK(!report::inShard(*S, 0));
  CHECK(report::inShard(*S, 1));
  CHECK(report::inShard(*S, 4));
  for (const char *Bad : {"0/3", "4/3", "1/0", "x", "1/", "/2"}) {
    auto B = report::parseShard(Bad);
    CHECK(!B);
    llvm::consumeError(B.takeError());
  }
}
