#include "support/Diagnostics.h"

#include <doctest/doctest.h>

using namespace dcalias;

TEST_CASE("diagnostics print as file:line: severity: message") {
  DiagList D;
  D.warning({"a/Kconfig", 3, 0}, "w");
  D.error({"b.c", 4, 2}, "e");
  std::string S;
  llvm::raw_string_ostream OS(S);
  D.print(OS);
  CHECK(OS.str() == "a/Kconfig:3: warning: w\nb.c:4:2: error: e\n");
  CHECK(D.errorCount() == 1);
  llvm::Error E = D.takeError();
  CHECK(llvm::toString(std::move(E)) == "b.c:4:2: error: e");
}
