// The Clang cache probe on the real 6.1 tree (issue #4's anchor cases for ARM): the predicate
// cache_is_vivt() || cache_is_vipt_aliasing() under three real configurations, with CONFIG_
// macros from the Kconfig engine and __LINUX_ARM_ARCH__ as arch/arm/Makefile derives it.
// The snapshot path comes from $DCALIAS_SNAPSHOT_6_1 (scripts/test.sh sets it); a missing
// snapshot is a failure, not a skip.
#include "archmodel/CacheProbe.h"
#include "kconfig/Defconfig.h"
#include "kconfig/Kconfig.h"

#include "llvm/Support/MemoryBuffer.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace dcalias;

namespace {

std::string snapshot() {
  const char *T = std::getenv("DCALIAS_SNAPSHOT_6_1");
  REQUIRE_MESSAGE(T, "DCALIAS_SNAPSHOT_6_1 is not set (kernel-snapshots/fetch.sh 6.1)");
  return T;
}

// arch/arm/Makefile: "arch-$(CONFIG_CPU_32vN) =-D__LINUX_ARM_ARCH__=N ...", later lines win,
// so the lowest enabled architecture decides. Read here from the tree's Makefile.
std::string linuxArmArch(const std::string &Tree, kconfig::Kconfig &K) {
  auto Buf = llvm::MemoryBuffer::getFile(Tree + "/arch/arm/Makefile");
  REQUIRE(bool(Buf));
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  std::string Val;
  std::vector<bool> Active{true}; // ifeq ($(CONFIG_X),y) ... endif around some lines
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (L.consume_front("ifeq ($(CONFIG_")) {
      auto [Sym, Rest] = L.split(')');
      kconfig::Symbol *S = K.find(Sym);
      bool Want = Rest.contains(",y)");
      Active.push_back(Active.back() && ((S && K.valueOf(S) == "y") == Want));
      continue;
    }
    if (L.starts_with("if")) {
      Active.push_back(Active.back());
      continue;
    }
    if (L == "endif" && Active.size() > 1) {
      Active.pop_back();
      continue;
    }
    if (!Active.back() || !L.consume_front("arch-$(CONFIG_"))
      continue;
    auto [Sym, Rest] = L.split(')');
    size_t P = Rest.find("-D__LINUX_ARM_ARCH__=");
    if (P == llvm::StringRef::npos)
      continue;
    kconfig::Symbol *S = K.find(Sym);
    if (S && K.valueOf(S) == "y")
      Val = Rest.substr(P + 21).take_while([](char C) { return C >= '0' && C <= '9'; }).str();
  }
  return Val;
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
