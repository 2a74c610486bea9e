#include "kconfig/Macro.h"

#include <doctest/doctest.h>

using namespace dcalias::kconfig;

TEST_CASE("macros: recursive, simple and appended variables") {
  MacroEnv M({});
  M.assign("a", "$(b)", 0);
  M.assign("s", "$(b)", 1); // b undefined now
  M.assign("b", "x", 1);
  M.assign("b", "y", 2);
  CHECK(M.expand("$(a)") == "x y");
  CHECK(M.expand("$(s)") == "");
  CHECK(M.expand("$(undefined)-$") == "-$");
}

TEST_CASE("macros: user functions and built-ins") {
  MacroEnv M({});
  M.setLocation("arch/fx/Kconfig", 7);
  M.assign("f", "<$(1)|$(2)>", 0);
  CHECK(M.expand("$(f,a,b)") == "<a|b>");
  CHECK(M.expand("$(f,$(f,1,2),c)") == "<<1|2>|c>");
  CHECK(M.expand("$(filename):$(lineno)") == "arch/fx/Kconfig:7");
  CHECK(M.expand("$(info,hello)") == "");
  REQUIRE(M.InfoLines.size() == 1);
  CHECK(M.InfoLines[0] == "hello");
  CHECK(M.expand("$(warning-if,y,careful)") == "");
  CHECK(M.diags().all().size() == 1);
  CHECK(!M.failed());
}

TEST_CASE("macros: error-if and self-reference fail with a located error") {
  MacroEnv M({});
  M.setLocation("Kconfig", 3);
  M.expand("$(error-if,y,stop here)");
  CHECK(M.failed());
  CHECK(M.diags().all()[0].Message == "stop here");
  MacroEnv R({});
  R.assign("x", "$(x)", 0);
  R.expand("$(x)");
  CHECK(R.failed());
  CHECK(R.diags().all()[0].Message.find("references itself") != std::string::npos);
}

TEST_CASE("macros: $(shell,...) runs only when allowed, once per command") {
  MacroEnv::Options O;
  O.Profile["echo recorded"] = "from profile";
  MacroEnv Never(O);
  CHECK(Never.expand("$(shell,echo hi)") == "");
  CHECK(Never.expand("$(shell,echo recorded)") == "from profile");
  CHECK(!Never.shellCalls().at("echo hi").Ran);

  MacroEnv::Options R;
  R.Shell = ShellPolicy::Run;
  R.Env["DCALIAS_T"] = "v";
  MacroEnv Run(R);
  CHECK(Run.expand("$(shell,printf 'a\\nb\\n\\n'; echo $DCALIAS_T >&2)") == "a b");
  CHECK(Run.expand("$(shell,echo $DCALIAS_T)") == "v");
  CHECK(Run.shellCalls().size() == 2);
}

TEST_CASE("macros: environment lookups are recorded") {
  MacroEnv::Options O;
  O.Env["SRCARCH"] = "arm";
  MacroEnv M(O);
  CHECK(M.expand("arch/$(SRCARCH)/Kconfig") == "arch/arm/Kconfig");
  CHECK(M.referencedEnv().at("SRCARCH") == "arm");
}
