// Every fixtures/kconfig/<case>/ with an expected_config: dcalias must produce it byte for
// byte from <case>/input, and its CONFIG_ macros must equal expected_autoconf.h. The expected
// files were produced by the kernel's own conf
// (`conf --defconfig=input Kconfig` with SRCARCH=fx KERNELVERSION=1.0) and reviewed.
#include "KconfigTestUtil.h"

#include "llvm/Support/Path.h"

using namespace dcalias;
using namespace dcalias::test;

TEST_CASE("kconfig fixtures match conf byte for byte") {
  std::error_code EC;
  unsigned Checked = 0;
  for (llvm::sys::fs::directory_iterator It(fixture("kconfig"), EC), End; It != End && !EC;
       It.increment(EC)) {
    std::string Dir = It->path();
    if (!llvm::sys::fs::exists(Dir + "/expected_config"))
      continue;
    SUBCASE(llvm::sys::path::filename(Dir).str().c_str()) {
      auto L = loadTree(Dir);
      REQUIRE_MESSAGE(L->K, L->Error);
      std::string Got = evaluate(*L->K, readFile(Dir + "/input"));
      CHECK(Got == readFile(Dir + "/expected_config"));
      // conf's include/generated/autoconf.h for the same run, kept as expected_autoconf.h.
      if (llvm::sys::fs::exists(Dir + "/expected_autoconf.h"))
        CHECK(L->K->writeAutoconf() == readFile(Dir + "/expected_autoconf.h"));
    }
    ++Checked;
  }
  CHECK(Checked >= 6);
}

TEST_CASE("a recursive dependency is an error with the chain, like conf") {
  auto L = loadTree(fixture("kconfig/cycle"));
  CHECK(!L->K);
  std::string All;
  llvm::raw_string_ostream OS(All);
  L->Diags.print(OS);
  CHECK(OS.str().find("recursive dependency detected") != std::string::npos);
  CHECK(OS.str().find("Kconfig:") != std::string::npos);
  CHECK(OS.str().find("symbol A") != std::string::npos);
  CHECK(OS.str().find("B") != std::string::npos);
}
