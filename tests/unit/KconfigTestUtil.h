// Helpers for Kconfig unit tests: load a fixture tree and evaluate it.
#pragma once

#include "kconfig/Kconfig.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <string>

namespace dcalias::test {

inline std::string fixture(const std::string &Rel) { return std::string(DCALIAS_FIXTURES) + "/" + Rel; }

inline std::string readFile(const std::string &Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  REQUIRE_MESSAGE(bool(B), "cannot read " << Path);
  return (*B)->getBuffer().str();
}

struct Loaded {
  std::unique_ptr<kconfig::FileCache> Files;
  std::unique_ptr<kconfig::Kconfig> K;
  DiagList Diags;
  std::string Error;
};

inline std::unique_ptr<Loaded> loadTree(const std::string &Tree, const std::string &Arch = "fx") {
  auto L = std::make_unique<Loaded>();
  L->Files = std::make_unique<kconfig::FileCache>(Tree);
  kconfig::LoadOptions O;
  O.Arch = Arch;
  O.Macros.Env["KERNELVERSION"] = "1.0";
  O.Macros.Env["CC_VERSION_TEXT"] = "";
  auto K = kconfig::Kconfig::load(*L->Files, O, L->Diags);
  if (K)
    L->K = std::move(*K);
  else
    L->Error = llvm::toString(K.takeError());
  return L;
}

// A tree written on the fly: root Kconfig sources arch/fx/Kconfig (empty unless given).
struct TempTree {
  std::string Dir;
  explicit TempTree(const std::string &Root, const std::string &Arch = "") {
    llvm::SmallString<128> P;
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("dcalias-kconfig", P));
    Dir = P.str().str();
    llvm::sys::fs::create_directories(Dir + "/arch/fx");
    std::ofstream(Dir + "/Kconfig") << Root;
    std::ofstream(Dir + "/arch/fx/Kconfig") << Arch;
  }
  ~TempTree() { llvm::sys::fs::remove_directories(Dir); }
};

// Evaluates Input (defconfig text) in Mode and returns the .config. The all*config modes
// read no file, as conf without KCONFIG_ALLCONFIG.
inline std::string evaluate(kconfig::Kconfig &K, const std::string &Input,
                            kconfig::Mode M = kconfig::Mode::Defconfig) {
  K.reset();
  DiagList D;
  bool ReadsFile = M == kconfig::Mode::Defconfig || M == kconfig::Mode::Olddefconfig;
  if (ReadsFile)
    REQUIRE(!K.readConfig(Input, "input", D));
  K.applyMode(M);
  return K.writeConfig();
}

inline std::string valueIn(const std::string &Config, const std::string &Sym) {
  std::string Key = "CONFIG_" + Sym + "=";
  size_t P = Config.find("\n" + Key);
  if (P == std::string::npos)
    return Config.find("# CONFIG_" + Sym + " is not set") != std::string::npos ? "n" : "<absent>";
  size_t S = P + 1 + Key.size();
  return Config.substr(S, Config.find('\n', S) - S);
}

} // namespace dcalias::test
