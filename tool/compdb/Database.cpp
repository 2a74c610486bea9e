#include "compdb/Database.h"

#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/Output.h"
#include "support/TopMakefile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace dcalias::compdb {

llvm::Expected<std::vector<std::string>> expandSources(const std::string &Tree,
                                                       const std::vector<std::string> &Names) {
  std::vector<std::string> List;
  for (const std::string &F : Names) {
    std::string Full = llvm::sys::path::is_absolute(F) ? F : Tree + "/" + F;
    if (llvm::sys::fs::is_directory(Full)) {
      std::error_code EC;
      std::vector<std::string> Found;
      for (llvm::sys::fs::recursive_directory_iterator I(Full, EC), E; I != E && !EC; I.increment(EC))
        if (llvm::StringRef(I->path()).ends_with(".c"))
          Found.push_back(I->path());
      std::sort(Found.begin(), Found.end());
      List.insert(List.end(), Found.begin(), Found.end());
    } else if (llvm::sys::fs::is_regular_file(Full)) {
      List.push_back(Full);
    } else {
      return makeError("'" + F + "': no such file in " + Tree);
    }
  }
  if (List.empty())
    return makeError("no source files given");
  return List;
}

llvm::Expected<llvm::json::Array> databaseFor(Params P, const std::vector<std::string> &Names) {
  std::string TmplPath = dataPath("compile_commands.json.in");
  std::string ArchPath = dataPath("rules/compdb-arch.json");
  auto Tmpl = readInput(TmplPath);
  if (!Tmpl)
    return Tmpl.takeError();
  auto ArchBuf = readInput(ArchPath);
  if (!ArchBuf)
    return ArchBuf.takeError();
  auto Arches = parseArchSettings((*ArchBuf)->getBuffer(), ArchPath);
  if (!Arches)
    return Arches.takeError();
  auto It = Arches->find(P.SrcArch);
  if (It == Arches->end())
    return makeLocatedError({ArchPath, 0, 0}, "no settings for arch '" + P.SrcArch + "'");
  P.Arch = It->second;
  auto Linux = linuxInclude(P.Tree, {P.Tree, P.ObjTree.empty() ? P.Tree : P.ObjTree, P.SrcArch});
  if (!Linux)
    return Linux.takeError();
  P.LinuxInclude = std::move(*Linux);
  auto List = expandSources(P.Tree, Names);
  if (!List)
    return List.takeError();
  return instantiate((*Tmpl)->getBuffer(), TmplPath, P, *List);
}

std::string databaseText(llvm::json::Array DB) {
  return llvm::formatv("{0:2}", llvm::json::Value(std::move(DB))).str() + "\n";
}

} // namespace dcalias::compdb
