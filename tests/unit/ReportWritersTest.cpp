// The report writers and readers, and the pieces of ci/ and patchgen/ that they print: each
// output checked as the reader gets it (golden text), each reader refusing what it must.
#include "ci/LintDelta.h"
#include "ci/PatchSet.h"
#include "patchgen/Diff.h"
#include "report/CheckOutput.h"
#include "report/LintOutput.h"
#include "report/PatchOutput.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <doctest/doctest.h>

#include <fstream>

using namespace dcalias;

namespace {
daxlint::Finding sampleFinding() {
  daxlint::Finding F;
  F.RuleId = "dax-linear-write";
  F.At = {"fs/dax.c", 1200, 9};
  F.Function = "dax_zero_page";
  F.Touch = "memset";
  F.Write = true;
  F.Origin = "dax_direct_access() out-parameter kaddr at fs/dax.c:1190";
  F.Chain = {"dax_zero_range", "dax_zero_page"};
  return F;
}
template <typename Fn> std::string print(Fn &&F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  F(OS);
  return S;
}
std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }
} // namespace

TEST_CASE("lint text: clang-tidy style, one finding and its evidence") {
  std::string T = print([](llvm::raw_ostream &OS) { report::writeLintText(OS, {sampleFinding()}); });
  CHECK(T == "fs/dax.c:1200:9: warning: kernel write to a page through the linear mapping without "
             "flush_dcache_folio() on every path [dax-linear-write]\n"
             "  touch: memset\n"
             "  address: dax_direct_access() out-parameter kaddr at fs/dax.c:1190\n"
             "  call chain: dax_zero_range -> dax_zero_page\n");
}

TEST_CASE("lint JSON: what the writer writes, the reader reads back") {
  daxlint::LintResult R;
  R.TranslationUnits = 3;
  R.Findings = {sampleFinding()};
  R.Findings.push_back(sampleFinding());
  R.Findings.back().Write = false;
  R.Findings.back().RuleId = "dax-linear-read";
  std::string J = print([&](llvm::raw_ostream &OS) { report::writeLintJson(OS, R); });
  auto Back = report::readLintJson(J, "lint.json");
  REQUIRE(bool(Back));
  REQUIRE(Back->size() == 2);
  for (size_t I = 0; I < 2; ++I) {
    const daxlint::Finding &A = R.Findings[I], &B = (*Back)[I];
    CHECK(A.RuleId == B.RuleId);
    CHECK(A.At.File == B.At.File);
    CHECK(A.At.Line == B.At.Line);
    CHECK(A.At.Col == B.At.Col);
    CHECK(A.Function == B.Function);
    CHECK(A.Write == B.Write);
    CHECK(A.Touch == B.Touch);
    CHECK(A.Origin == B.Origin);
    CHECK(A.Chain == B.Chain);
  }
}

TEST_CASE("lint JSON reader: refuses what is not a lint report, naming the input") {
  auto NotJson = report::readLintJson("{", "a.json");
  REQUIRE(!NotJson);
  CHECK(errorText(NotJson.takeError()).find("a.json: error: not JSON") != std::string::npos);
  auto Other = report::readLintJson(R"({"schema":"dcalias-check/1","findings":[]})", "b.json");
  REQUIRE(!Other);
  CHECK(errorText(Other.takeError()) == "b.json: error: not a dcalias-lint/1 report");
  auto Broken = report::readLintJson(R"({"schema":"dcalias-lint/1","findings":[{"rule":"x"}]})", "c.json");
  REQUIRE(!Broken);
  CHECK(errorText(Broken.takeError()).find("c.json: error: findings[0]:") == 0);
}

TEST_CASE("lint paths: made relative to the source root, call chains too") {
  daxlint::LintResult R;
  R.Findings = {sampleFinding()};
  llvm::SmallString<128> Cwd;
  llvm::sys::fs::current_path(Cwd);
  R.Findings[0].At.File = (Cwd + "/tree/fs/dax.c").str();
  R.Findings[0].ChainAt = {{(Cwd + "/tree/fs/dax.c").str(), 10, 1}, {"/elsewhere/x.c", 2, 1}};
  std::string Root = report::makeRelative(R, "tree/./");
  CHECK(Root == (Cwd + "/tree/").str());
  CHECK(R.Findings[0].At.File == "fs/dax.c");
  CHECK(R.Findings[0].ChainAt[0].File == "fs/dax.c");
  CHECK(R.Findings[0].ChainAt[1].File == "/elsewhere/x.c");
}

namespace {
ci::CheckFinding sampleCheck(const char *Key, const char *Severity = "warning") {
  ci::CheckFinding F;
  F.RuleId = "kconfig-arch-exclusion";
  F.Severity = Severity;
  F.File = "fs/Kconfig";
  F.Line = 42;
  F.Message = "excludes arches by name";
  F.Related = {"arch/arm: never aliases on ARMv7"};
  F.Key = Key;
  return F;
}
} // namespace

TEST_CASE("check text and JSON: the finding, its evidence and its fingerprint") {
  std::vector<ci::CheckFinding> Fs = {sampleCheck("k1"), sampleCheck("k2", "note")};
  CHECK(print([&](llvm::raw_ostream &OS) { report::writeCheckText(OS, Fs); }) ==
        "fs/Kconfig:42:1: warning: excludes arches by name [kconfig-arch-exclusion]\n"
        "  arch/arm: never aliases on ARMv7\n"
        "fs/Kconfig:42:1: note: excludes arches by name [kconfig-arch-exclusion]\n"
        "  arch/arm: never aliases on ARMv7\n");
  ci::PatchSet P;
  P.Patches = 1;
  P.Files["fs/Kconfig"] = {};
  std::string J = print([&](llvm::raw_ostream &OS) { report::writeCheckJson(OS, P, Fs); });
  CHECK(J.find("\"schema\": \"dcalias-check/1\"") != std::string::npos);
  CHECK(J.find("\"fingerprint\": \"k2\"") != std::string::npos);
  // The report is its own baseline: nothing of it is reported again, other findings are.
  std::vector<ci::CheckFinding> Again = {sampleCheck("k1"), sampleCheck("k3")};
  REQUIRE(!ci::dropBaseline(Again, J, "base.json"));
  REQUIRE(Again.size() == 1);
  CHECK(Again[0].Key == "k3");
}

TEST_CASE("check baseline: anything but a dcalias-check/1 report is refused") {
  std::vector<ci::CheckFinding> Fs = {sampleCheck("k1")};
  CHECK(errorText(ci::dropBaseline(Fs, "[]", "x.json")).find("x.json: error: not a dcalias-check/1 report") == 0);
  CHECK(errorText(ci::dropBaseline(Fs, R"({"schema":"dcalias-lint/1","findings":[]})", "y.json"))
            .find("y.json: error: not a dcalias-check/1 report") == 0);
  CHECK(errorText(ci::dropBaseline(Fs, "nope", "z.json")).find("z.json: error: ") == 0);
  // A finding without its fingerprint (or of the wrong type) would drop nothing, silently.
  CHECK(errorText(ci::dropBaseline(Fs, R"({"schema":"dcalias-check/1","findings":[{"fingerprint":5}]})", "w.json"))
            .find("w.json: error: findings[0]") == 0);
  CHECK(Fs.size() == 1);
}

TEST_CASE("verify text: the status of each arch and its grouped differences") {
  std::vector<patchgen::Verified> V = {
      {"arm", "ok", 12, 12, {}, 0, 0, {}},
      {"mips", "mismatch", 3, 5, {"2 row(s): model always, patched header never (first: CPU_R4X00)"}, 0, 0, {}}};
  CHECK(print([&](llvm::raw_ostream &OS) { report::writeVerifyText(OS, V); }) ==
        "verify arm: 12 of 12 CPU-type rows fold as the model says (ok)\n"
        "verify mips: 3 of 5 CPU-type rows fold as the model says (MISMATCH)\n"
        "  2 row(s): model always, patched header never (first: CPU_R4X00)\n");
  CHECK(patchgen::anyMismatch(V));
  V.pop_back();
  CHECK(!patchgen::anyMismatch(V));
}

TEST_CASE("diff writer: three lines of context, exact counts, a new file against /dev/null") {
  patchgen::FileChange C;
  C.Path = "arch/arm/Kconfig";
  for (int I = 1; I <= 10; ++I)
    C.Original.push_back("line" + std::to_string(I));
  C.Edits.push_back({5, 1, {"LINE6", "extra"}});
  CHECK(patchgen::unifiedDiff(C) == "diff --git a/arch/arm/Kconfig b/arch/arm/Kconfig\n"
                                    "--- a/arch/arm/Kconfig\n"
                                    "+++ b/arch/arm/Kconfig\n"
                                    "@@ -3,7 +3,8 @@\n"
                                    " line3\n line4\n line5\n-line6\n+LINE6\n+extra\n line7\n line8\n line9\n");
  CHECK(patchgen::applied(C).find("line5\nLINE6\nextra\nline7\n") != std::string::npos);
  patchgen::FileChange N;
  N.Path = "arch/x/include/asm/cachetype.h";
  N.NewFile = true;
  N.Edits.push_back({0, 0, {"#define X 1"}});
  std::string D = patchgen::unifiedDiff(N);
  CHECK(D.find("--- /dev/null\n+++ b/arch/x/include/asm/cachetype.h\n@@ -0,0 +1 @@\n+#define X 1\n") !=
        std::string::npos);
}

