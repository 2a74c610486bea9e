#include "cli/Commands.h"
#include "compdb/Database.h"
#include "kconfig/Kconfig.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace dcalias::cli {

static cl::opt<std::string> Tree(cl::Positional, cl::desc("<kernel tree>"), cl::Required,
                                 cl::sub(CompdbCmd), cl::cat(Category));
static cl::list<std::string> Files(cl::Positional, cl::desc("[files or directories...]"),
                                   cl::sub(CompdbCmd), cl::cat(Category));
static cl::opt<std::string> Arch("arch", cl::desc("ARCH (x86_64, arm64, arm, ...)"), cl::Required,
                                 cl::sub(CompdbCmd), cl::cat(Category));
static cl::opt<std::string> ObjDir("O", cl::desc("build directory of a prepared tree (make O=...)"),
                                   cl::sub(CompdbCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("output file (default: stdout)"), cl::init("-"),
                                   cl::sub(CompdbCmd), cl::cat(Category));
static cl::opt<std::string> CC("cc", cl::desc("compiler named in the commands"), cl::init("clang-19"),
                               cl::sub(CompdbCmd), cl::cat(Category));

int runCompdb() {
  auto fail = [](Error E) { return failed(std::move(E)); };
  auto Dir = treeArgument(Tree);
  if (!Dir)
    return int(ExitCode::InputError);
  compdb::Params P;
  P.Tree = *Dir;
  if (!ObjDir.empty()) {
    SmallString<256> Abs(ObjDir);
    sys::fs::make_absolute(Abs);
    P.ObjTree = Abs.str().str();
  }
  P.SrcArch = kconfig::srcArchFor(*Dir, Arch);
  P.CC = CC;
  auto DB = compdb::databaseFor(P, std::vector<std::string>(Files.begin(), Files.end()));
  if (!DB)
    return fail(DB.takeError());
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        OS << compdb::databaseText(std::move(*DB));
        return Error::success();
      }))
    return fail(std::move(E));
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
