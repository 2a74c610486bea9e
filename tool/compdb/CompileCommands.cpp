#include "compdb/CompileCommands.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include "support/Diagnostics.h"
#include "support/JsonSchema.h"
#include "support/TreeFile.h"

#include "llvm/Support/Path.h"

namespace dcalias::compdb {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

llvm::Expected<std::map<std::string, ArchSettings>> parseArchSettings(llvm::StringRef Text,
                                                                      llvm::StringRef Name) {
  llvm::Expected<Value> V = llvm::json::parse(Text);
  if (!V)
    return makeLocatedError({Name.str(), 0, 0}, "invalid JSON: " + llvm::toString(V.takeError()));
  if (llvm::Error E = validateRuleFile(*V, "compdb-arch", Name.str()))
    return E;
  std::map<std::string, ArchSettings> Out;
  for (const auto &KV : *V->getAsObject()->getObject("arches")) {
    const Object &O = *KV.second.getAsObject();
    ArchSettings S;
    S.Target = O.getString("target")->str();
    if (const Array *F = O.getArray("flags"))
      for (const Value &E : *F)
        S.Flags.push_back(E.getAsString()->str());
    Out.emplace(KV.first.str(), std::move(S));
  }
  return Out;
}

namespace {

struct FileVars {
  std::string File, Output, ModFile, BaseName;
};

// The -I and -D flags of "ccflags-y += ..." lines in the file's own directory Makefile, with
// $(srctree) and $(src) substituted (fs/xfs adds -I$(srctree)/$(src)/libxfs, -I$(src)/libxfs
// since 6.10). Kbuild appends
// them after the arch flags; conditional ccflags-$(CONFIG_X) lines are not evaluated.
static std::vector<std::string> directoryFlags(const std::string &Tree, const std::string &Dir) {
  std::vector<std::string> Out;
  auto Buf = readOptionalTreeFile(Tree, Dir + "/Makefile");
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.take_until([](char C) { return C == '#'; }).trim();
    if (!L.consume_front("ccflags-y"))
      continue;
    L = L.ltrim();
    if (!L.consume_front("+=") && !L.consume_front(":="))
      continue;
    llvm::SmallVector<llvm::StringRef> Words;
    llvm::SplitString(L, Words);
    for (size_t I = 0; I < Words.size(); ++I) {
      std::string W = Words[I].str();
      if ((W == "-I" || W == "-D") && I + 1 < Words.size())
        W += Words[++I].str();
      if (!llvm::StringRef(W).starts_with("-I") && !llvm::StringRef(W).starts_with("-D"))
        continue;
      // $(src) is tree-relative before 6.10 (written $(srctree)/$(src)) and the source
      // directory itself since; both mean <tree>/<dir>.
      for (auto [From, To] : {std::pair<std::string, std::string>{"$(srctree)/$(src)", Tree + "/" + Dir},
                              {"$(src)", Tree + "/" + Dir}, {"$(srctree)", Tree}}) {
        size_t P;
        while ((P = W.find(From)) != std::string::npos)
          W.replace(P, From.size(), To);
      }
      Out.push_back(W);
    }
  }
  return Out;
}

// Replaces every @NAME@ in S; an unknown name is an error so template typos surface.
llvm::Expected<std::string> substitute(llvm::StringRef S, const Params &P, const FileVars &F,
                                       llvm::StringRef TemplateName) {
  std::string Out;
  while (true) {
    size_t A = S.find('@');
    if (A == llvm::StringRef::npos)
      break;
    size_t B = S.find('@', A + 1);
    if (B == llvm::StringRef::npos)
      break;
    llvm::StringRef Name = S.slice(A + 1, B);
    std::string Val;
    if (Name == "TREE")
      Val = P.Tree;
    else if (Name == "OBJTREE")
      Val = P.ObjTree.empty() ? P.Tree : P.ObjTree;
    else if (Name == "SRCARCH")
      Val = P.SrcArch;
    else if (Name == "TARGET")
      Val = P.Arch.Target;
    else if (Name == "CC")
      Val = P.CC;
    else if (Name == "FILE")
      Val = F.File;
    else if (Name == "OUTPUT")
      Val = F.Output;
    else if (Name == "MODFILE")
      Val = F.ModFile;
    else if (Name == "BASENAME" || Name == "MODNAME")
      Val = F.BaseName;
    else
      return makeLocatedError({TemplateName.str(), 0, 0}, "unknown placeholder '@" + Name + "@'");
    Out += S.take_front(A).str() + Val;
    S = S.drop_front(B + 1);
  }
  return Out + S.str();
}

} // namespace

llvm::Expected<Array> instantiate(llvm::StringRef TemplateText, llvm::StringRef TemplateName,
                                  const Params &P, llvm::ArrayRef<std::string> Files) {
  llvm::Expected<Value> V = llvm::json::parse(TemplateText);
  if (!V)
    return makeLocatedError({TemplateName.str(), 0, 0}, "invalid JSON: " + llvm::toString(V.takeError()));
  const Array *Tmpl = V->getAsArray();
  if (!Tmpl || Tmpl->size() != 1 || !(*Tmpl)[0].getAsObject())
    return makeLocatedError({TemplateName.str(), 0, 0}, "must be an array holding exactly one command object");
  const Object &Entry = *(*Tmpl)[0].getAsObject();
  const Array *Args = Entry.getArray("arguments");
  if (!Args)
    return makeLocatedError({TemplateName.str(), 0, 0}, "the command object needs an 'arguments' array");

  std::string Obj = P.ObjTree.empty() ? P.Tree : P.ObjTree;
  Array Out;
  for (const std::string &In : Files) {
    llvm::SmallString<256> Rel(In);
    if (llvm::sys::path::is_absolute(In)) {
      if (!llvm::sys::path::replace_path_prefix(Rel, P.Tree + "/", ""))
        return makeError("'" + In + "' is not below the tree " + P.Tree);
    }
    FileVars F;
    F.File = P.Tree + "/" + Rel.str().str();
    llvm::SmallString<256> NoExt(Rel);
    llvm::sys::path::replace_extension(NoExt, "");
    F.ModFile = NoExt.str().str();
    F.Output = Obj + "/" + F.ModFile + ".o";
    F.BaseName = llvm::sys::path::stem(Rel).str();

    Object Cmd;
    for (const auto &KV : Entry) {
      if (KV.first == "arguments")
        continue;
      auto Str = KV.second.getAsString();
      if (!Str)
        return makeLocatedError({TemplateName.str(), 0, 0}, "field '" + KV.first.str() + "' must be a string");
      auto S = substitute(*Str, P, F, TemplateName);
      if (!S)
        return S.takeError();
      Cmd[KV.first] = *S;
    }
    Array CmdArgs;
    for (const Value &A : *Args) {
      auto Str = A.getAsString();
      if (!Str)
        return makeLocatedError({TemplateName.str(), 0, 0}, "'arguments' must hold strings");
      if (*Str == "@LINUXINCLUDE@") {
        for (const std::string &Flag : P.LinuxInclude)
          CmdArgs.push_back(Flag);
        continue;
      }
      if (*Str == "@ARCH_FLAGS@") {
        for (const std::string &Flag : P.Arch.Flags)
          CmdArgs.push_back(Flag);
        for (const std::string &Flag : directoryFlags(P.Tree, llvm::sys::path::parent_path(Rel).str()))
          CmdArgs.push_back(Flag);
        continue;
      }
      auto S = substitute(*Str, P, F, TemplateName);
      if (!S)
        return S.takeError();
      CmdArgs.push_back(std::move(*S));
    }
    Cmd["arguments"] = std::move(CmdArgs);
    Out.push_back(std::move(Cmd));
  }
  return Out;
}

} // namespace dcalias::compdb
