#include "cli/Commands.h"
#include "compdb/CompileCommands.h"
#include "kconfig/Kconfig.h"
#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
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
  auto fail = [](Error E) {
    reportError(errs(), std::move(E));
    return int(ExitCode::InputError);
  };
  SmallString<256> AbsTree(Tree);
  sys::fs::make_absolute(AbsTree);
  sys::path::remove_dots(AbsTree, true);
  if (!sys::fs::is_directory(AbsTree))
    return fail(makeError("'" + Tree + "' is not a directory"));

  std::string TmplPath = dataPath("compile_commands.json.in");
  std::string ArchPath = dataPath("rules/compdb-arch.json");
  auto Tmpl = MemoryBuffer::getFile(TmplPath);
  if (!Tmpl)
    return fail(makeError(TmplPath + ": cannot read: " + Tmpl.getError().message()));
  auto ArchBuf = MemoryBuffer::getFile(ArchPath);
  if (!ArchBuf)
    return fail(makeError(ArchPath + ": cannot read: " + ArchBuf.getError().message()));
  auto Arches = compdb::parseArchSettings((*ArchBuf)->getBuffer(), ArchPath);
  if (!Arches)
    return fail(Arches.takeError());

  compdb::Params P;
  P.Tree = AbsTree.str().str();
  if (!ObjDir.empty()) {
    SmallString<256> Abs(ObjDir);
    sys::fs::make_absolute(Abs);
    P.ObjTree = Abs.str().str();
  }
  P.SrcArch = kconfig::srcArchFor(Arch);
  auto It = Arches->find(P.SrcArch);
  if (It == Arches->end())
    return fail(makeError(ArchPath + ": no settings for arch '" + P.SrcArch + "'"));
  P.Arch = It->second;
  P.CC = CC;

  std::vector<std::string> List;
  for (const std::string &F : Files) {
    std::string Full = sys::path::is_absolute(F) ? F : P.Tree + "/" + F;
    if (sys::fs::is_directory(Full)) {
      std::error_code EC;
      std::vector<std::string> Found;
      for (sys::fs::recursive_directory_iterator I(Full, EC), E; I != E && !EC; I.increment(EC))
        if (StringRef(I->path()).ends_with(".c"))
          Found.push_back(I->path());
      std::sort(Found.begin(), Found.end());
      List.insert(List.end(), Found.begin(), Found.end());
    } else if (sys::fs::is_regular_file(Full)) {
      List.push_back(Full);
    } else {
      return fail(makeError("'" + F + "': no such file in " + P.Tree));
    }
  }
  if (List.empty())
    return fail(makeError("no source files given"));
  auto DB = compdb::instantiate((*Tmpl)->getBuffer(), TmplPath, P, List);
  if (!DB)
    return fail(DB.takeError());
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        OS << formatv("{0:2}", json::Value(std::move(*DB))) << "\n";
        return Error::success();
      }))
    return fail(std::move(E));
  return int(ExitCode::Clean);
}

} // namespace dcalias::cli
