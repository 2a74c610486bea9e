// One language feature per test case, each asserting exact values.
#include "KconfigTestUtil.h"

using namespace dcalias;
using namespace dcalias::test;
using kconfig::Mode;

TEST_CASE("choice: the default wins unless the configuration picks a visible value") {
  TempTree T(R"(
choice
	prompt "CPU"
	default B
config A
	bool "A"
config B
	bool "B"
config C
	bool "C"
	depends on NOPE
endchoice
config NOPE
	bool
)");
  auto L = loadTree(T.Dir);
  REQUIRE_MESSAGE(L->K, L->Error);
  std::string Def = evaluate(*L->K, "");
  CHECK(valueIn(Def, "A") == "n");
  CHECK(valueIn(Def, "B") == "y");
  std::string PickA = evaluate(*L->K, "CONFIG_A=y\n");
  CHECK(valueIn(PickA, "A") == "y");
  CHECK(valueIn(PickA, "B") == "n");
  // C is invisible, so asking for it falls back to the default.
  std::string PickC = evaluate(*L->K, "CONFIG_C=y\n");
  CHECK(valueIn(PickC, "B") == "y");
  CHECK(valueIn(PickC, "C") == "<absent>");
}

TEST_CASE("choice: an entry depending on a value becomes its child, not a choice value") {
  TempTree T(R"(
choice
	prompt "CPU"
config A
	bool "A"
config A_EXTRA
	bool "A extra"
	depends on A
config B
	bool "B"
endchoice
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  CHECK(!L->K->find("A_EXTRA")->isChoiceValue());
  CHECK(L->K->find("B")->isChoiceValue());
  std::string C = evaluate(*L->K, "CONFIG_A=y\nCONFIG_A_EXTRA=y\n");
  CHECK(valueIn(C, "A_EXTRA") == "y");
}

TEST_CASE("tristate: select by a module forces a bool to y and a tristate to m") {
  TempTree T(R"(
config MODULES
	bool "modules"
	modules
config DRV
	tristate "driver"
	select B
	select T
config B
	bool
config T
	tristate
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  std::string C = evaluate(*L->K, "CONFIG_MODULES=y\nCONFIG_DRV=m\n");
  CHECK(valueIn(C, "DRV") == "m");
  CHECK(valueIn(C, "B") == "y");
  CHECK(valueIn(C, "T") == "m");
  // Without modules every tristate is a bool.
  std::string NoMod = evaluate(*L->K, "# CONFIG_MODULES is not set\nCONFIG_DRV=m\n");
  CHECK(valueIn(NoMod, "DRV") == "y");
  CHECK(valueIn(NoMod, "T") == "y");
}

TEST_CASE("imply: sets a default that the user and dependencies can still override") {
  TempTree T(R"(
config F
	bool "F"
	default y
	imply H
	imply BLOCKED
config H
	bool "H"
config BLOCKED
	bool "blocked"
	depends on NEVER
config NEVER
	bool
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  std::string C = evaluate(*L->K, "");
  CHECK(valueIn(C, "H") == "y");
  // Implied symbols are always written, even when their dependencies keep them n (conf).
  CHECK(valueIn(C, "BLOCKED") == "n");
  std::string Off = evaluate(*L->K, "# CONFIG_H is not set\n");
  CHECK(valueIn(Off, "H") == "n");
}

TEST_CASE("visible if: hides prompts, so defaults apply") {
  TempTree T(R"(
config EXPERT
	bool "expert"
menu "Expert"
	visible if EXPERT
config KNOB
	bool "knob"
	default y
endmenu
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  CHECK(valueIn(evaluate(*L->K, "# CONFIG_KNOB is not set\n"), "KNOB") == "y");
  CHECK(valueIn(evaluate(*L->K, "CONFIG_EXPERT=y\n# CONFIG_KNOB is not set\n"), "KNOB") == "n");
}

TEST_CASE("range: an out-of-range value is dropped, the default is clamped") {
  TempTree T(R"(
config N
	int "n"
	range 2 8
	default 4
config CLAMPED
	int "clamped"
	range 10 20
	default 99
config H
	hex "h"
	range 0x10 0x20
	default 0x18
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  std::string C = evaluate(*L->K, "CONFIG_N=64\nCONFIG_H=0x1f\n");
  CHECK(valueIn(C, "N") == "4");
  CHECK(valueIn(C, "CLAMPED") == "20");
  CHECK(valueIn(C, "H") == "0x1f");
}

TEST_CASE("modes: allnoconfig, allyesconfig, allmodconfig") {
  TempTree T(R"(
config MODULES
	bool "modules"
	modules
config A
	tristate "a"
config B
	bool "b"
config C
	bool "c"
	default y
	depends on B
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  std::string No = evaluate(*L->K, "", Mode::Allnoconfig);
  CHECK(valueIn(No, "A") == "n");
  CHECK(valueIn(No, "C") == "<absent>");
  std::string Yes = evaluate(*L->K, "", Mode::Allyesconfig);
  CHECK(valueIn(Yes, "A") == "y");
  CHECK(valueIn(Yes, "C") == "y");
  std::string Mod = evaluate(*L->K, "", Mode::Allmodconfig);
  CHECK(valueIn(Mod, "A") == "m");
  CHECK(valueIn(Mod, "B") == "y");
}

TEST_CASE("autoconf: CONFIG_ macros as include/generated/autoconf.h writes them") {
  TempTree T(R"(
config MODULES
	bool "modules"
	default y
	modules
config M
	tristate "m"
	default m
config H
	hex
	default 1000
config S
	string
	default "a\"b"
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  evaluate(*L->K, "");
  std::string A = L->K->writeAutoconf();
  CHECK(A.find("#define CONFIG_M_MODULE 1\n") != std::string::npos);
  CHECK(A.find("#define CONFIG_H 0x1000\n") != std::string::npos);
  CHECK(A.find("#define CONFIG_S \"a\\\"b\"\n") != std::string::npos);
  CHECK(A.find("#define CONFIG_MODULES 1\n") != std::string::npos);
}

TEST_CASE("errors: an unknown statement is located and names the construct") {
  TempTree T("config A\n\tbool \"a\"\n\nfrobnicate B\n");
  auto L = loadTree(T.Dir);
  CHECK(!L->K);
  std::string S;
  llvm::raw_string_ostream OS(S);
  L->Diags.print(OS);
  CHECK(OS.str().find("Kconfig:4: error: unknown statement \"frobnicate\"") != std::string::npos);
}

TEST_CASE("errors: a missing endmenu and a mismatched end are located") {
  TempTree T("menu \"M\"\nconfig A\n\tbool \"a\"\nendif\n");
  auto L = loadTree(T.Dir);
  CHECK(!L->K);
  std::string S;
  llvm::raw_string_ostream OS(S);
  L->Diags.print(OS);
  CHECK(OS.str().find("Kconfig:4: error: unexpected 'if' within menu block") != std::string::npos);
  CHECK(OS.str().find("Kconfig:1: error: missing end statement for this entry") != std::string::npos);
}

TEST_CASE("each file is parsed once and shared between architectures") {
  TempTree T("source \"arch/$(SRCARCH)/Kconfig\"\nsource \"common/Kconfig\"\n", "config FX\n\tdef_bool y\n");
  llvm::sys::fs::create_directories(T.Dir + "/arch/fy");
  llvm::sys::fs::create_directories(T.Dir + "/common");
  std::ofstream(T.Dir + "/arch/fy/Kconfig") << "config FY\n\tdef_bool y\n";
  std::ofstream(T.Dir + "/common/Kconfig") << "config COMMON\n\tdef_bool y\n";
  kconfig::FileCache Files(T.Dir);
  DiagList D;
  for (const char *A : {"fx", "fy"}) {
    kconfig::LoadOptions O;
    O.Arch = A;
    auto K = kconfig::Kconfig::load(Files, O, D);
    REQUIRE(bool(K));
    CHECK((*K)->find("COMMON"));
  }
  CHECK(Files.filesParsed() == 4); // Kconfig, common/Kconfig, arch/fx/Kconfig, arch/fy/Kconfig
}
