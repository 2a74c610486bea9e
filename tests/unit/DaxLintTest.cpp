// The DAX lint's coverage logic on small functions: a touch of a DAX page through the linear
// mapping is covered only by a flush of the same page on every CFG path, after a kernel write
// and before a kernel read. Sources are in memory (LintOptions::Overlay); the kernel API
// declarations come from fixtures/daxlint/kernel.h.
#include "daxlint/Lint.h"
#include "daxlint/Rules.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <doctest/doctest.h>

using namespace dcalias;

namespace {

struct Run {
  std::vector<daxlint::Finding> Findings;
  unsigned Functions = 0;
};

// Lints one file holding Body after kernel.h; its functions named in Entries are the DAX entry
// points (the analysis reports only what an entry point reaches).
Run lint(const std::string &Body, std::vector<std::string> Entries = {"f"}) {
  static auto Shipped = daxlint::loadLintRules();
  REQUIRE(bool(Shipped));
  daxlint::LintRules Rules = *Shipped;
  Rules.EntryFunctions = Entries;
  std::string Dir = DCALIAS_FIXTURES "/daxlint";
  std::string File = Dir + "/unit-in-memory.c";
  clang::tooling::FixedCompilationDatabase DB(Dir, {"-std=gnu11", "-I" + Dir});
  daxlint::LintOptions O;
  O.Database = &DB;
  O.Files = {File};
  O.Jobs = 1;
  O.Overlay[File] = "#include \"kernel.h\"\n" + Body;
  auto R = daxlint::runLint(O, Rules);
  REQUIRE_MESSAGE(bool(R), llvm::toString(R.takeError()));
  return {R->Findings, R->Functions};
}

// The prologue every case shares: kaddr is the DAX page's kernel address.
const char *Get = "void *kaddr; pfn_t pfn;\n"
                  "dax_direct_access(d, 0, 1, DAX_ACCESS, &kaddr, &pfn);\n";
std::string fn(const std::string &Name, const std::string &Params, const std::string &Code) {
  return "void " + Name + "(struct dax_device *d" + Params + ")\n{\n" + Get + Code + "}\n";
}

} // namespace

TEST_CASE("daxlint coverage: a flush of the page after the write, on every path") {
  CHECK(lint(fn("f", "", "memset(kaddr, 0, 4096);\nflush_dcache_page(pfn_t_to_page(pfn));\n")).Findings.empty());
  // A write in a loop, the flush after it.
  CHECK(lint(fn("f", ", int n", "for (int i = 0; i < n; i++) memset(kaddr, i, 8);\n"
                                "flush_dcache_page(virt_to_page(kaddr));\n"))
            .Findings.empty());
}

TEST_CASE("daxlint: only what an entry point reaches is reported") {
  std::string Uncovered = fn("g", "", "memset(kaddr, 0, 4096);\n");
  CHECK(lint(Uncovered, {"f"}).Findings.empty());
  Run R = lint(Uncovered + "void f(struct dax_device *d) { g(d); }\n", {"f"});
  REQUIRE(R.Findings.size() == 1);
  CHECK(R.Findings[0].Chain == std::vector<std::string>{"f", "g"});
}

TEST_CASE("daxlint coverage: a path that escapes the flush leaves the write uncovered") {
  Run R = lint(fn("one_branch", ", int c", "memset(kaddr, 0, 4096);\nif (c) flush_dcache_page(virt_to_page(kaddr));\n"),
               {"one_branch"});
  REQUIRE(R.Findings.size() == 1);
  CHECK(R.Findings[0].RuleId == "dax-linear-write");
  CHECK(R.Findings[0].Write);
  CHECK(R.Findings[0].Function == "one_branch");
  CHECK(llvm::StringRef(R.Findings[0].Touch).starts_with("memset() at "));
  CHECK(R.Findings[0].At.Line == 6); // after the include and the two-line prologue
  CHECK(R.Findings[0].Origin.find("dax_direct_access() out-parameter kaddr") == 0);
  // An early return between the write and the flush.
  R = lint(fn("f", ", int c", "memset(kaddr, 0, 4096);\nif (c) return;\nflush_dcache_page(virt_to_page(kaddr));\n"));
  CHECK(R.Findings.size() == 1);
  // A goto to an error label past the flush.
  R = lint(fn("f", ", int c", "memset(kaddr, 0, 4096);\nif (c) goto out;\nflush_dcache_page(virt_to_page(kaddr));\nout:\n;\n"));
  CHECK(R.Findings.size() == 1);
}

TEST_CASE("daxlint coverage: direction and page matter") {
  // Before a read the flush covers (the user's lines are written back first) ...
  CHECK(lint(fn("f", ", struct iov_iter *to", "flush_dcache_page(virt_to_page(kaddr));\ncopy_to_iter(kaddr, 4096, to);\n"))
            .Findings.empty());
  // ... after a read it does not, and before a write it does not.
  Run R = lint(fn("read_then_flush", ", struct iov_iter *to",
                  "copy_to_iter(kaddr, 4096, to);\nflush_dcache_page(virt_to_page(kaddr));\n"),
               {"read_then_flush"});
  REQUIRE(R.Findings.size() == 1);
  CHECK(R.Findings[0].RuleId == "dax-linear-read");
  CHECK(!R.Findings[0].Write);
  CHECK(lint(fn("f", "", "flush_dcache_page(virt_to_page(kaddr));\nmemset(kaddr, 0, 4096);\n")).Findings.size() == 1);
  // A flush of another page covers nothing of the DAX page.
  CHECK(lint(fn("f", ", struct page *other", "memset(kaddr, 0, 4096);\nflush_dcache_page(other);\n")).Findings.size() == 1);
  // Write-back for persistence is not coherency.
  CHECK(lint(fn("f", "", "memset(kaddr, 0, 4096);\ndax_flush(d, kaddr, 4096);\n")).Findings.size() == 1);
}

TEST_CASE("daxlint: a finding's stable key has no line numbers and its summary names the rule") {
  Run A = lint(fn("moved", "", "memset(kaddr, 0, 4096);\n"), {"moved"});
  Run B = lint("\n\n\n" + fn("moved", "", "memset(kaddr, 0, 4096);\n"), {"moved"});
  REQUIRE(A.Findings.size() == 1);
  REQUIRE(B.Findings.size() == 1);
  CHECK(A.Findings[0].At.Line + 3 == B.Findings[0].At.Line);
  CHECK(daxlint::stableKey(A.Findings[0]) == daxlint::stableKey(B.Findings[0]));
  CHECK(daxlint::summary(A.Findings[0]).find("kernel write to a page through the linear mapping") == 0);
}
