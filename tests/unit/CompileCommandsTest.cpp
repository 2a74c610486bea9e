// compile_commands.json.in instantiation: valid JSON, every placeholder replaced, and the
// command accepted by `clang-19 -fsyntax-only` on a fixture file in a fixture tree.
#include "compdb/CompileCommands.h"

#include "support/DataDir.h"
#include "support/TopMakefile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <doctest/doctest.h>

using namespace dcalias;

static std::string read(const std::string &P) {
  auto B = llvm::MemoryBuffer::getFile(P);
  REQUIRE(bool(B));
  return (*B)->getBuffer().str();
}

TEST_CASE("compdb: the template instantiates to a valid database clang-19 accepts") {
  std::string Tree = std::string(DCALIAS_FIXTURES) + "/compdb-tree";
  auto Arches = compdb::parseArchSettings(read(dataPath("rules/compdb-arch.json")), "arch");
  REQUIRE(bool(Arches));
  compdb::Params P;
  P.Tree = Tree;
  P.SrcArch = "x86";
  P.Arch = Arches->at("x86");
  auto Linux = linuxInclude(Tree, {Tree, Tree, "x86"});
  REQUIRE_MESSAGE(bool(Linux), llvm::toString(Linux.takeError()));
  P.LinuxInclude = *Linux;
  auto DB = compdb::instantiate(read(dataPath("compile_commands.json.in")), "tmpl", P,
                                {"drivers/fixture/fixture.c"});
  REQUIRE_MESSAGE(bool(DB), llvm::toString(DB.takeError()));
  REQUIRE(DB->size() == 1);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(llvm::json::Array(*DB));
  CHECK(OS.str().find('@') == std::string::npos); // every placeholder replaced
  CHECK(bool(llvm::json::parse(OS.str())));

  const llvm::json::Object *Cmd = (*DB)[0].getAsObject();
  CHECK(*Cmd->getString("file") == Tree + "/drivers/fixture/fixture.c");
  CHECK(*Cmd->getString("output") == Tree + "/drivers/fixture/fixture.o");
  std::vector<std::string> Args;
  for (auto &A : *Cmd->getArray("arguments"))
    Args.push_back(A.getAsString()->str());
  CHECK(std::find(Args.begin(), Args.end(), "-DKBUILD_BASENAME=\"fixture\"") != Args.end());

  // Run clang-19 -fsyntax-only with the generated arguments (minus -c -o out).
  auto Clang = llvm::sys::findProgramByName("clang-19");
  REQUIRE(bool(Clang));
  std::vector<llvm::StringRef> Run{*Clang, "-fsyntax-only"};
  for (size_t I = 1; I < Args.size(); ++I) {
    if (Args[I] == "-c")
      continue;
    if (Args[I] == "-o") {
      ++I;
      continue;
    }
    Run.push_back(Args[I]);
  }
  std::string Err;
  int RC = llvm::sys::ExecuteAndWait(*Clang, Run, std::nullopt, {}, 60, 0, &Err);
  CHECK(RC == 0);
}

TEST_CASE("compdb: unknown placeholders and malformed templates are errors") {
  compdb::Params P;
  P.Tree = "/t";
  auto Bad = compdb::instantiate(R"([{"directory":"@NOPE@","file":"@FILE@","arguments":["cc"]}])",
                                 "t.json.in", P, {"a.c"});
  REQUIRE(!Bad);
  CHECK(llvm::toString(Bad.takeError()) == "t.json.in: error: unknown placeholder '@NOPE@'");
  auto NotArray = compdb::instantiate("{}", "t.json.in", P, {"a.c"});
  REQUIRE(!NotArray);
  llvm::consumeError(NotArray.takeError());
  auto Outside = compdb::instantiate(R"([{"file":"@FILE@","arguments":[]}])", "t", P, {"/elsewhere/a.c"});
  REQUIRE(!Outside);
  llvm::consumeError(Outside.takeError());
}

TEST_CASE("top Makefile: LINUXINCLUDE expanded as Kbuild does, in and out of the source tree") {
  std::string Tree = std::string(DCALIAS_FIXTURES) + "/compdb-tree";
  auto In = linuxInclude(Tree, {"/s", "/s", "x86"});
  REQUIRE(bool(In));
  CHECK(*In == std::vector<std::string>{"-I/s/arch/x86/include", "-I/s/include", "-I/s/include/uapi",
                                        "-include", "/s/include/linux/kconfig.h"});
  auto Out = linuxInclude(Tree, {"/s", "/o", "x86"});
  REQUIRE(bool(Out));
  CHECK(*Out == std::vector<std::string>{"-I/s/arch/x86/include", "-I/s/include", "-I/o/include",
                                         "-I/s/include/uapi", "-include", "/s/include/linux/kconfig.h"});
  CHECK(makeVariable("A := 1 \\\n\t2\nA := 3\n", "A") == "1 2");
  CHECK(makeVariable("AB := 1\n", "A").empty());
  auto None = linuxInclude(std::string(DCALIAS_FIXTURES) + "/daxlint", {"/s", "/s", "fx"});
  REQUIRE(!None);
  CHECK(llvm::toString(None.takeError()).find("/daxlint/Makefile: error: cannot read") != std::string::npos);
}
