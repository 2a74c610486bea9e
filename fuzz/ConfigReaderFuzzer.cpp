// libFuzzer target: the .config/defconfig reader (Kconfig::readConfig, conf_read semantics) on
// arbitrary bytes, against a small Kconfig of every symbol type it writes once, then each way
// the tool uses what it read: olddefconfig, a seed for allnoconfig, savedefconfig's input, and
// the .config and autoconf.h writers. Whatever the input: no crash, no hang, and what was
// written reads back to the same .config (conf's own fixed point).
#include "kconfig/Kconfig.h"

#include "llvm/Support/FileSystem.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

using namespace dcalias;

static std::unique_ptr<kconfig::FileCache> Files;
static std::unique_ptr<kconfig::Kconfig> K;

static const char *const Top = R"(mainmenu "fuzz"
config MODULES
	bool "modules"
	modules
config B
	bool "b"
	default y
config T
	tristate "t"
	depends on B
config T2
	tristate "t2"
	select S
config S
	tristate
config I
	int "i"
	range 1 100
	default 4
config H
	hex "h"
	range 0x10 0xffff
	default 0x20
config STR
	string "str"
	default "x"
choice
	prompt "choice"
	default C1
config C1
	bool "c1"
config C2
	bool "c2"
	depends on T
endchoice
menu "m"
	visible if B
config M1
	tristate "m1"
	imply T
endmenu
)";

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("dcalias-fuzz-kconfig", Dir))
    std::abort();
  std::ofstream(std::string(Dir) + "/Kconfig") << Top;
  Files = std::make_unique<kconfig::FileCache>(std::string(Dir));
  kconfig::LoadOptions O;
  O.Arch = "x86";
  O.KconfigFile = "Kconfig";
  DiagList D;
  auto L = kconfig::Kconfig::load(*Files, O, D);
  if (!L || !D.all().empty())
    std::abort(); // the fixture itself must load cleanly, or the fuzzer tests nothing
  K = std::move(*L);
  return 0;
}

static void readOrTrap(llvm::StringRef Text, bool AsSeed) {
  DiagList D;
  K->reset();
  if (llvm::Error E = K->readConfig(Text, "fuzz.config", D, AsSeed))
    llvm::consumeError(std::move(E));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  readOrTrap(Text, false);
  K->applyMode(kconfig::Mode::Olddefconfig);
  std::string Config = K->writeConfig();
  (void)K->writeAutoconf();
  // What conf writes, conf reads back unchanged.
  readOrTrap(Config, false);
  K->applyMode(kconfig::Mode::Olddefconfig);
  if (K->writeConfig() != Config)
    __builtin_trap();
  readOrTrap(Text, true);
  K->applyMode(kconfig::Mode::Allnoconfig);
  (void)K->writeConfig();
  readOrTrap(Text, false);
  K->applyMode(kconfig::Mode::Defconfig);
  (void)K->writeConfig();
  return 0;
}
