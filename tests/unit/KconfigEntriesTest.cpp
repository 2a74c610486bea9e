// Kconfig files read as entries (kconfig/Entries.h): what ci's check and patchgen's series find
// in Kconfig text, through the engine's parser rather than by string matching.
#include "kconfig/Entries.h"

#include <doctest/doctest.h>

using namespace dcalias::kconfig;

namespace {
const char *Text = R"(config SPARC
	bool
	default y
	select OF

menu "Platform"
config SPARC64
	def_bool 64BIT
	select ARCH_A
	select ARCH_B \
	       if SMP
	select ARCH_C
	depends on !(ARM || MIPS) && SMP
	depends on FOO if !BAR
endmenu

if SMP
config FS_DAX
	bool "DAX"
	depends on !ARM || !!MIPS
	depends on X86 != y
endif
)";
} // namespace

TEST_CASE("entries: file order through menu and if blocks, each option on its line") {
  FileEntries F = readEntries(Text, "arch/sparc/Kconfig");
  CHECK(F.Diags.errorCount() == 0);
  REQUIRE(F.Configs.size() == 3);
  CHECK(F.Configs[0].Name == "SPARC");
  CHECK(F.Configs[1].Name == "SPARC64");
  CHECK(F.Configs[1].Line == 7);
  CHECK(F.Configs[2].Name == "FS_DAX");
  CHECK(F.Configs[1].count(OptKind::Select) == 3);

  FileEntries::At A = F.at(7);
  CHECK(A.Entry == &F.Configs[1]);
  CHECK(A.Opt == nullptr);
  A = F.at(10); // a select continued onto the next line is one option, on its first line
  REQUIRE(A.Opt);
  CHECK(A.Opt->target() == "ARCH_B");
  CHECK(F.at(11).Entry == nullptr);
  CHECK(F.at(15).Entry == nullptr); // endmenu belongs to no entry
  CHECK(F.at(1).Entry == &F.Configs[0]);
  CHECK(F.at(4).Opt->target() == "OF");
}

TEST_CASE("entries: the symbols a dependency needs to be n") {
  FileEntries F = readEntries(Text, "arch/sparc/Kconfig");
  const EntryOption &Dep = *F.at(13).Opt;
  REQUIRE(Dep.kind() == OptKind::Depends);
  CHECK(negatedSymbols(*Dep.O->E) == std::vector<std::string>{"ARM", "MIPS"});
  // "depends on FOO if !BAR" needs FOO; the condition is not what the entry excludes.
  const EntryOption &If = *F.at(14).Opt;
  REQUIRE(If.O->Cond);
  CHECK(negatedSymbols(*If.O->E).empty());
  // Double negation cancels; a comparison names a value, not a symbol that must be n.
  CHECK(negatedSymbols(*F.at(20).Opt->O->E) == std::vector<std::string>{"ARM"});
  CHECK(negatedSymbols(*F.at(21).Opt->O->E).empty());
}

TEST_CASE("entries: an arch's own selects: the entry named as the directory, else the most selects") {
  FileEntries F = readEntries(Text, "arch/sparc/Kconfig");
  std::vector<const EntryOption *> S = archOwnSelects(F, "sparc");
  REQUIRE(S.size() == 1);
  CHECK(S[0]->target() == "OF");
  S = archOwnSelects(F, "sh"); // no SH entry: SPARC64 has the most selects
  REQUIRE(S.size() == 3);
  CHECK(S.front()->target() == "ARCH_A");
  CHECK(S.back()->line() == 12);
  CHECK(F.mostSelects() == &F.Configs[1]);
  CHECK(readEntries("config A\n\tbool\n", "K").mostSelects() == nullptr);
}

TEST_CASE("entries: arch symbols of a tree map onto their directories") {
  auto M = archSymbols(DCALIAS_FIXTURES "/audit-tree");
  REQUIRE(M.count("FX"));
  CHECK(M["FX"] == "fx");
  CHECK(M.count("ARM") == 0);
}
