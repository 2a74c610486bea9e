// How `make <target>` chooses and builds the configuration conf reads.
#include "kconfig/Defconfig.h"

#include <doctest/doctest.h>

using namespace dcalias::kconfig;

TEST_CASE("merge_config -m: fragments override earlier lines and are appended") {
  std::string Base = "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_AB=y\n";
  std::string Frag = "CONFIG_B=y\n# CONFIG_C is not set\n";
  std::string M = mergeFragments(Base, {Frag});
  CHECK(M == "CONFIG_A=y\nCONFIG_AB=y\n\nCONFIG_B=y\n# CONFIG_C is not set\n");
  // A later fragment wins over an earlier one.
  std::string M2 = mergeFragments(Base, {Frag, "CONFIG_B=m\n"});
  CHECK(M2.find("CONFIG_B=y") == std::string::npos);
  CHECK(M2.find("CONFIG_B=m") != std::string::npos);
}

TEST_CASE("SUBARCH follows the host") {
  std::string S = hostSubArch();
  CHECK(!S.empty());
  CHECK(S != "x86_64"); // the Makefile maps x86_64 and i?86 to x86
}
