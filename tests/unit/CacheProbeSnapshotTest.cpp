// The Clang cache probe on the real 6.1 tree (issue #4's anchor cases for ARM): the predicate
// cache_is_vivt() || cache_is_vipt_aliasing() under three real configurations, with CONFIG_
// macros from the Kconfig engine and __LINUX_ARM_ARCH__ as arch/arm/Makefile derives it.
// The snapshot path comes from $DCALIAS_SNAPSHOT_6_1 (scripts/test.sh sets it); a missing
// snapshot is a failure, not a skip.
#include "archmodel/CacheProbe.h"
#include "archmodel/CpuTypes.h"
#include "kconfig/Defconfig.h"
#include "kconfig/Kconfig.h"


#include <doctest/doctest.h>

#include <cstdlib>

using namespace dcalias;

namespace {

std::string snapshot() {
  const char *T = std::getenv("DCALIAS_SNAPSHOT_6_1");
  REQUIRE_MESSAGE(T, "DCALIAS_SNAPSHOT_6_1 is not set (kernel-snapshots/fetch.sh 6.1)");
  return T;
}

// arch/arm/Makefile: "arch-$(CONFIG_CPU_32vN) =-D__LINUX_ARM_ARCH__=N", later lines win, so
// the lowest enabled architecture decides; read from the tree by the archmodel's own reader.
std::string linuxArmArch(const std::string &Tree, kconfig::Kconfig &K) {
  archmodel::CacheRule::MakefileDefine D{"", "arch/arm/Makefile", "arch", "__LINUX_ARM_ARCH__"};
  return archmodel::makefileDefine(Tree, D, [&](llvm::StringRef Sym) {
    kconfig::Symbol *S = K.find(Sym);
    return S && K.valueOf(S) == "y";
  });
}

archmodel::ProbeResult probeArm(const std::string &Defconfig) {
  std::string Tree = snapshot();
  kconfig::FileCache Files(Tree);
  DiagList D;
  kconfig::LoadOptions O;
  O.Arch = "arm";
  auto K = kconfig::Kconfig::load(Files, O, D);
  REQUIRE(bool(K));
  auto In = kconfig::resolveDefconfig(Tree, "arm", "arm", Defconfig);
  REQUIRE(bool(In));
  auto C = kconfig::evaluateInput(**K, *In, kconfig::Mode::Defconfig, D);
  REQUIRE(bool(C));
  archmodel::ProbeRequest R;
  R.Tree = Tree;
  R.SrcArch = "arm";
  R.Target = "armv7a-linux-gnueabi";
  std::string Arch = linuxArmArch(Tree, **K);
  REQUIRE(!Arch.empty());
  R.Defines = {"__LINUX_ARM_ARCH__=" + Arch};
  R.Autoconf = (*K)->writeAutoconf();
  R.Headers = {"asm/cachetype.h"};
  R.Expr = "cache_is_vivt() || cache_is_vipt_aliasing()";
  auto Res = archmodel::runProbe(R);
  REQUIRE_MESSAGE(bool(Res), llvm::toString(Res.takeError()));
  return *Res;
}

} // namespace

TEST_CASE("6.1 arm: ARM926T-only versatile_defconfig folds to constant true") {
  CHECK(probeArm("versatile_defconfig").Result == archmodel::Fold::ConstTrue);
}

TEST_CASE("6.1 arm: ARMv7-only multi_v7_defconfig folds to constant false") {
  CHECK(probeArm("multi_v7_defconfig").Result == archmodel::Fold::ConstFalse);
}

TEST_CASE("6.1 arm: ARMv6 bcm2835_defconfig is decided at run time by cacheid") {
  auto R = probeArm("bcm2835_defconfig");
  CHECK(R.Result == archmodel::Fold::Runtime);
  CHECK(R.Loads == std::vector<std::string>{"cacheid"});
}
