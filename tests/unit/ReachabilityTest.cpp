// kconfig/Reachability.h: can a symbol be enabled in some configuration (Z3)? One Kconfig
// construct per case, each asserting the answer and, when blocked, the blocker.
#include "KconfigTestUtil.h"

#include "kconfig/Reachability.h"

using namespace dcalias;
using namespace dcalias::test;

namespace {
kconfig::Reach ask(kconfig::Kconfig &K, const std::string &S) {
  return kconfig::reachability(K, {S}).front();
}
} // namespace

TEST_CASE("reachability: an invisible def_bool y blocks what depends on its negation") {
  TempTree T(R"(
config ARM
	def_bool y
config ZONE
	bool "zone"
config FS_DAX
	bool "fs dax"
	depends on !ARM
	depends on ZONE
)");
  auto L = loadTree(T.Dir);
  REQUIRE_MESSAGE(L->K, L->Error);
  kconfig::Reach R = ask(*L->K, "FS_DAX");
  CHECK(R.Exists);
  CHECK(!R.Enabled);
  CHECK(R.Blocker.find("depends on !ARM") == 0);
  CHECK(ask(*L->K, "ZONE").Enabled);
}

TEST_CASE("reachability: a select enables a symbol whose own dependency cannot hold") {
  TempTree T(R"(
config NEVER
	bool
config HELPER
	bool
	depends on NEVER
config USER
	bool "user"
	select HELPER
config ORPHAN
	bool
	depends on NEVER
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  CHECK(ask(*L->K, "HELPER").Enabled);
  kconfig::Reach O = ask(*L->K, "ORPHAN");
  CHECK(!O.Enabled);
  CHECK(O.Blocker.find("depends on NEVER") == 0);
}

TEST_CASE("reachability: choice members exclude each other; the combination is named") {
  TempTree T(R"(
choice
	prompt "CPU"
config V5
	bool "v5"
config V7
	bool "v7"
endchoice
config NEEDS_BOTH
	bool "both"
	depends on V5
	depends on V7
config NEEDS_V7
	bool "v7 only"
	depends on V7
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  CHECK(ask(*L->K, "NEEDS_V7").Enabled);
  kconfig::Reach B = ask(*L->K, "NEEDS_BOTH");
  CHECK(!B.Enabled);
  CHECK(B.Blocker.find("only their combination") != std::string::npos);
}

TEST_CASE("reachability: m needs MODULES; tristate negation of m is m") {
  TempTree T(R"(
config MODULES
	bool "modules"
	modules
config DRV
	tristate "driver"
config NOT_DRV
	tristate "not driver"
	depends on !DRV
	depends on DRV
config ONLY_M
	tristate "only as module"
	depends on m
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  // DRV=m makes both !DRV and DRV m: NOT_DRV=m is a configuration.
  CHECK(ask(*L->K, "NOT_DRV").Enabled);
  CHECK(ask(*L->K, "ONLY_M").Enabled);
  CHECK(!ask(*L->K, "NO_SUCH_SYMBOL").Exists);
}

TEST_CASE("reachability: an invisible symbol takes its first applicable default") {
  TempTree T(R"(
config A
	bool "a"
config HIDDEN
	bool
	default n if A
	default y
config NEEDS_HIDDEN_OFF
	bool "x"
	depends on !HIDDEN
)");
  auto L = loadTree(T.Dir);
  REQUIRE(L->K);
  // With A=y the first default (n) applies: HIDDEN=n, so the symbol is reachable.
  CHECK(ask(*L->K, "NEEDS_HIDDEN_OFF").Enabled);
}
