#include "archmodel/CacheProbe.h"

#include "support/TopMakefile.h"
#include "support/TreeFileSystem.h"

#include "support/Diagnostics.h"

#include "clang/Basic/DiagnosticOptions.h"
#include "clang/CodeGen/CodeGenAction.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace dcalias::archmodel {

const char *foldName(Fold F) {
  switch (F) {
  case Fold::ConstTrue: return "constant true";
  case Fold::ConstFalse: return "constant false";
  case Fold::Runtime: return "run-time";
  }
  return "?";
}

namespace {

constexpr const char *ProbeDir = "/dcalias-probe";
constexpr const char *ProbeFn = "dcalias_cache_probe";

// Records every macro expansion with where it happened and which definition it used; what
// belongs to the evidence is decided afterwards (the probe's own lines, and the bodies of the
// inline functions the predicate calls: arm's cacheid_is() and its __CACHEID_* macros).
struct Expansion {
  clang::FileID File;
  unsigned Offset;
  std::string Entry; // "NAME file:line" of the definition
};

class MacroTrail : public clang::PPCallbacks {
public:
  MacroTrail(clang::SourceManager &SM, std::vector<Expansion> &Out) : SM(SM), Out(Out) {}
  void MacroExpands(const clang::Token &Name, const clang::MacroDefinition &MD,
                    clang::SourceRange Range, const clang::MacroArgs *) override {
    const clang::MacroInfo *MI = MD.getMacroInfo();
    if (!MI)
      return;
    clang::SourceLocation At = SM.getExpansionLoc(Range.getBegin());
    std::string Where = "<built-in>";
    clang::PresumedLoc P = SM.getPresumedLoc(MI->getDefinitionLoc());
    if (P.isValid())
      Where = std::string(P.getFilename()) + ":" + std::to_string(P.getLine());
    Out.push_back({SM.getFileID(At), SM.getFileOffset(At),
                   Name.getIdentifierInfo()->getName().str() + " " + Where});
  }

private:
  clang::SourceManager &SM;
  std::vector<Expansion> &Out;
};

// The source ranges whose macro expansions are evidence: the probe function and, to a depth
// of three calls, the bodies of functions it calls; plus "name file:line" of those functions
// and of the variables read.
class EvidenceRanges : public clang::ASTConsumer {
public:
  EvidenceRanges(clang::SourceManager &SM, std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> &Ranges,
                 std::vector<std::string> &Decls)
      : SM(SM), Ranges(Ranges), Decls(Decls) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    for (clang::Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (auto *F = llvm::dyn_cast<clang::FunctionDecl>(D))
        if (F->getName() == ProbeFnName && F->hasBody())
          visit(F, 0);
  }

  static constexpr const char *ProbeFnName = "dcalias_cache_probe";

private:
  void note(const clang::NamedDecl *D) {
    clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(D->getLocation()));
    if (!P.isValid())
      return;
    std::string E = D->getNameAsString() + " " + P.getFilename() + ":" + std::to_string(P.getLine());
    if (std::find(Decls.begin(), Decls.end(), E) == Decls.end())
      Decls.push_back(E);
  }
  void visit(const clang::FunctionDecl *F, int Depth) {
    if (!Visited.insert(F).second || !F->hasBody())
      return;
    const clang::FunctionDecl *Def = nullptr;
    F->hasBody(Def);
    Ranges.push_back({SM.getExpansionLoc(Def->getBody()->getBeginLoc()),
                      SM.getExpansionLoc(Def->getBody()->getEndLoc())});
    struct Walker : clang::RecursiveASTVisitor<Walker> {
      EvidenceRanges &E;
      int Depth;
      Walker(EvidenceRanges &E, int Depth) : E(E), Depth(Depth) {}
      bool VisitDeclRefExpr(clang::DeclRefExpr *R) {
        if (auto *Fn = llvm::dyn_cast<clang::FunctionDecl>(R->getDecl())) {
          E.note(Fn);
          if (Depth < 3)
            E.visit(Fn, Depth + 1);
        } else if (auto *V = llvm::dyn_cast<clang::VarDecl>(R->getDecl())) {
          if (V->hasGlobalStorage())
            E.note(V);
        }
        return true;
      }
    } W(*this, Depth);
    W.TraverseStmt(Def->getBody());
  }

  clang::SourceManager &SM;
  std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> &Ranges;
  std::vector<std::string> &Decls;
  std::set<const clang::FunctionDecl *> Visited;
};

class TrailingEmit : public clang::EmitLLVMOnlyAction {
public:
  TrailingEmit(llvm::LLVMContext *Ctx, std::vector<Expansion> &Exp,
               std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> &Ranges,
               std::vector<std::string> &Decls)
      : clang::EmitLLVMOnlyAction(Ctx), Exp(Exp), Ranges(Ranges), Decls(Decls) {}
  bool BeginSourceFileAction(clang::CompilerInstance &CI) override {
    CI.getPreprocessor().addPPCallbacks(std::make_unique<MacroTrail>(CI.getSourceManager(), Exp));
    return clang::EmitLLVMOnlyAction::BeginSourceFileAction(CI);
  }
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &CI,
                                                        llvm::StringRef InFile) override {
    std::vector<std::unique_ptr<clang::ASTConsumer>> Cs;
    // Ours first: the code generator's consumer finishes the module (and may release what
    // the AST holds) in its HandleTranslationUnit.
    Cs.push_back(std::make_unique<EvidenceRanges>(CI.getSourceManager(), Ranges, Decls));
    Cs.push_back(clang::EmitLLVMOnlyAction::CreateASTConsumer(CI, InFile));
    return std::make_unique<clang::MultiplexConsumer>(std::move(Cs));
  }

private:
  std::vector<Expansion> &Exp;
  std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> &Ranges;
  std::vector<std::string> &Decls;
};

// The evidence: macros expanded in the main file, or inside one of the ranges; then the
// declarations the predicate reaches. Deduplicated, in order of appearance.
std::vector<std::string> evidence(clang::SourceManager &SM, const std::vector<Expansion> &Exp,
                                  const std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> &Ranges,
                                  const std::vector<std::string> &Decls) {
  std::vector<std::string> Out;
  std::set<std::string> Seen;
  for (const Expansion &E : Exp) {
    bool In = E.File == SM.getMainFileID();
    for (const auto &[B, End] : Ranges)
      In |= SM.getFileID(B) == E.File && SM.getFileOffset(B) <= E.Offset && E.Offset <= SM.getFileOffset(End);
    if (In && Seen.insert(E.Entry).second)
      Out.push_back(E.Entry);
  }
  for (const std::string &D : Decls)
    if (Seen.insert(D).second)
      Out.push_back(D);
  return Out;
}

// A compiler instance for one probe invocation, its diagnostics printed to DiagOS (the error
// text of a probe that does not compile) and its "N errors generated." line dropped.
bool setUpInstance(clang::CompilerInstance &CI, std::shared_ptr<clang::CompilerInvocation> Inv,
                   clang::FileManager *Files, llvm::raw_ostream &DiagOS) {
  CI.setInvocation(std::move(Inv));
  CI.setFileManager(Files);
  auto *Printer = new clang::TextDiagnosticPrinter(DiagOS, &CI.getDiagnosticOpts());
  CI.createDiagnostics(Printer, /*ShouldOwnClient=*/true);
  if (!CI.hasDiagnostics())
    return false;
  CI.createSourceManager(*Files);
  CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
  return true;
}

// Runs Clang's IR generation on the invocation and keeps the module.
class EmitModule : public clang::tooling::ToolAction {
public:
  EmitModule(llvm::LLVMContext &Ctx, llvm::raw_ostream &DiagOS) : Ctx(Ctx), DiagOS(DiagOS) {}
  std::unique_ptr<llvm::Module> Module;
  std::vector<std::string> Macros;

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Inv, clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCH,
                     clang::DiagnosticConsumer *) override {
    clang::CompilerInstance CI(std::move(PCH));
    if (!setUpInstance(CI, std::move(Inv), Files, DiagOS))
      return false;
    std::vector<Expansion> Exp;
    std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> Ranges;
    std::vector<std::string> Decls;
    TrailingEmit Action(&Ctx, Exp, Ranges, Decls);
    bool Ok = CI.ExecuteAction(Action);
    if (CI.hasSourceManager())
      Macros = evidence(CI.getSourceManager(), Exp, Ranges, Decls);
    Module = Action.takeModule();
    return Ok && Module;
  }

private:
  llvm::LLVMContext &Ctx;
  llvm::raw_ostream &DiagOS;
};

// A preprocessor condition needs only the preprocessor: headers whose C an x86 stand-in
// cannot compile (alpha's register asm) still answer. The value of the probe's own #if,
// as the preprocessor decided it, is recorded.
class PPCondition : public clang::tooling::ToolAction {
public:
  explicit PPCondition(llvm::raw_ostream &DiagOS) : DiagOS(DiagOS) {}
  std::optional<bool> Value;
  std::vector<std::string> Macros;
  std::vector<Expansion> Exp;

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Inv, clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCH,
                     clang::DiagnosticConsumer *) override {
    clang::CompilerInstance CI(std::move(PCH));
    if (!setUpInstance(CI, std::move(Inv), Files, DiagOS))
      return false;
    Action A(*this);
    bool Ok = CI.ExecuteAction(A) && !CI.getDiagnostics().hasErrorOccurred();
    if (CI.hasSourceManager())
      Macros = evidence(CI.getSourceManager(), Exp, {}, {});
    return Ok;
  }

private:
  struct Record : clang::PPCallbacks {
    PPCondition &Owner;
    clang::SourceManager &SM;
    Record(PPCondition &O, clang::SourceManager &SM) : Owner(O), SM(SM) {}
    void If(clang::SourceLocation Loc, clang::SourceRange, ConditionValueKind V) override {
      if (SM.isInMainFile(Loc) && V != CVK_NotEvaluated)
        Owner.Value = V == CVK_True;
    }
  };
  struct Action : clang::PreprocessOnlyAction {
    PPCondition &Owner;
    explicit Action(PPCondition &O) : Owner(O) {}
    bool BeginSourceFileAction(clang::CompilerInstance &CI) override {
      CI.getPreprocessor().addPPCallbacks(
          std::make_unique<Record>(Owner, CI.getSourceManager()));
      CI.getPreprocessor().addPPCallbacks(
          std::make_unique<MacroTrail>(CI.getSourceManager(), Owner.Exp));
      return true;
    }
  };
  llvm::raw_ostream &DiagOS;
};

void optimize(llvm::Module &M) {
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB;
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  llvm::ModulePassManager MPM = PB.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  MPM.run(M, MAM);
}

// LINUXINCLUDE of a tree for one arch, read from its Makefile once (an audit runs some 200 probes).
llvm::Expected<std::vector<std::string>> probeInclude(const std::string &Tree, const std::string &ObjTree,
                                                     const std::string &SrcArch) {
  static std::mutex Lock;
  static std::map<std::string, std::vector<std::string>> Memo;
  std::string Key = Tree + '\0' + SrcArch;
  {
    std::lock_guard<std::mutex> G(Lock);
    if (auto It = Memo.find(Key); It != Memo.end())
      return It->second;
  }
  auto L = linuxInclude(Tree, {Tree, ObjTree, SrcArch});
  if (!L)
    return L.takeError();
  std::lock_guard<std::mutex> G(Lock);
  return Memo.emplace(Key, std::move(*L)).first->second;
}

} // namespace

static std::atomic<unsigned> ProbeCount{0};
unsigned probesRun() { return ProbeCount.load(); }

llvm::Expected<ProbeResult> runProbe(const ProbeRequest &R) {
  ++ProbeCount;
  auto Mem = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  std::string Src;
  for (const std::string &H : R.Headers)
    Src += "#include <" + H + ">\n";
  // Names the predicate uses must be defined by the headers: an undeclared one means a cited
  // macro is missing from this tree. Only the probe is held to that (headers may use
  // builtins of an arch the stand-in target lacks, in functions never emitted).
  for (const std::string &D : R.Declarations)
    Src += D + "\n";
  Src += "#pragma clang diagnostic error \"-Wimplicit-function-declaration\"\n";
  // An identifier the preprocessor does not know is 0 in #if: a cited macro missing, or one
  // that expands to a variable (sparc32's SHMLBA), must fail rather than read as false.
  if (!R.PPExpr.empty())
    Src += "#pragma clang diagnostic error \"-Wundef\"\nint " + std::string(ProbeFn) + "(void)\n{\n#if " + R.PPExpr +
           "\n\treturn 1;\n#else\n\treturn 0;\n#endif\n}\n";
  else
    Src += "int " + std::string(ProbeFn) + "(void)\n{\n\treturn !!(" + R.Expr + ");\n}\n";
  std::string Main = std::string(ProbeDir) + "/probe.c";
  Mem->addFile(Main, 0, llvm::MemoryBuffer::getMemBufferCopy(Src));
  // The probe's objtree: the configuration's autoconf.h and the overlay's generated headers.
  const std::string O = ProbeDir;
  Mem->addFile(O + "/include/generated/autoconf.h", 0, llvm::MemoryBuffer::getMemBufferCopy(R.Autoconf));
  for (const auto &[Path, Text] : R.Overlay)
    Mem->addFile(O + "/" + Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text));
  for (const auto &[Path, Text] : R.Replace)
    Mem->addFile(R.Tree + "/" + Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text));
  // The tree and Clang's own headers only (support/TreeFileSystem.h); the probe's generated
  // files and replaced headers are in memory above them.
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      confinedFileSystem(llvm::vfs::getRealFileSystem(), {R.Tree, DCALIAS_CLANG_INCLUDE}));
  Overlay->pushOverlay(Mem);
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), Overlay));

  const std::string &T = R.Tree;
  std::vector<std::string> Args = {"clang", "--target=" + R.Target, "-O2", "-nostdinc",
                                   "-fno-strict-aliasing", "-fno-common", "-std=gnu11",
                                   "-Wno-everything", "-ferror-limit=0", "-D__KERNEL__", "-c", "-o", "/dev/null"};
  // The include path and forced includes of every kernel C file, as the tree's Makefile has them.
  auto Linux = probeInclude(T, O, R.SrcArch);
  if (!Linux)
    return Linux.takeError();
  Args.insert(Args.end(), Linux->begin(), Linux->end());
  // Arch and platform directories come from KBUILD_CPPFLAGS/CFLAGS, after LINUXINCLUDE.
  for (const std::string &D : R.IncludeDirs) {
    llvm::StringRef Gen(D);
    Args.push_back(Gen.consume_front("$(objtree)/") ? "-I" + std::string(ProbeDir) + "/" + Gen.str()
                                                    : "-I" + T + "/" + D);
  }
  if (R.CompilerInclude)
    Args.push_back("-isystem" DCALIAS_CLANG_INCLUDE);
  for (const std::string &U : R.Undefines)
    Args.push_back("-U" + U);
  for (const std::string &D : R.Defines)
    Args.push_back("-D" + D);
  Args.push_back(Main);

  if (std::getenv("DCALIAS_PROBE_DEBUG")) {
    for (const std::string &A : Args)
      llvm::errs() << A << " ";
    llvm::errs() << "\n" << Src << "\n";
  }
  std::string DiagText;
  llvm::raw_string_ostream DiagOS(DiagText);
  clang::IgnoringDiagConsumer Quiet;
  if (!R.PPExpr.empty()) {
    PPCondition Cond(DiagOS);
    clang::tooling::ToolInvocation PPInv(Args, &Cond, Files.get(),
                                         std::make_shared<clang::PCHContainerOperations>());
    PPInv.setDiagnosticConsumer(&Quiet);
    bool Ran = PPInv.run();
    if (!Ran || !Cond.Value)
      return makeError("cache probe of arch/" + R.SrcArch + " for '#if " + R.PPExpr +
                       "' did not preprocess:\n" + DiagOS.str());
    ProbeResult Res;
    Res.Result = *Cond.Value ? Fold::ConstTrue : Fold::ConstFalse;
    Res.IR = "; decided by the preprocessor: #if " + R.PPExpr + " is " +
             (*Cond.Value ? "true" : "false") + "\n";
    Res.Macros = Cond.Macros;
    return Res;
  }
  llvm::LLVMContext Ctx;
  EmitModule Action(Ctx, DiagOS);
  clang::tooling::ToolInvocation Inv(Args, &Action, Files.get(),
                                     std::make_shared<clang::PCHContainerOperations>());
  Inv.setDiagnosticConsumer(&Quiet);
  if (!Inv.run() || !Action.Module)
    return makeError("cache probe of arch/" + R.SrcArch + " for '" + R.Expr + R.PPExpr +
                     "' did not compile:\n" + DiagOS.str());
  optimize(*Action.Module);
  llvm::Function *F = Action.Module->getFunction(ProbeFn);
  if (!F || F->isDeclaration())
    return makeError("cache probe: the probe function vanished");

  ProbeResult Res;
  Res.Macros = Action.Macros;
  llvm::raw_string_ostream IROS(Res.IR);
  F->print(IROS);
  std::vector<llvm::Value *> Returned;
  for (llvm::BasicBlock &BB : *F)
    for (llvm::Instruction &I : BB) {
      if (auto *Ret = llvm::dyn_cast<llvm::ReturnInst>(&I))
        Returned.push_back(Ret->getReturnValue());
      if (auto *Call = llvm::dyn_cast<llvm::CallBase>(&I))
        if (llvm::Function *Callee = Call->getCalledFunction())
          if (!Callee->isIntrinsic())
            Res.Loads.push_back(Callee->getName().str() + "()");
      if (auto *Ld = llvm::dyn_cast<llvm::LoadInst>(&I))
        if (auto *G = llvm::dyn_cast<llvm::GlobalVariable>(
                llvm::getUnderlyingObject(Ld->getPointerOperand())))
          Res.Loads.push_back(G->getName().str());
    }
  Res.Result = Fold::Runtime;
  if (Returned.size() == 1)
    if (auto *C = llvm::dyn_cast_or_null<llvm::ConstantInt>(Returned[0]))
      Res.Result = C->isZero() ? Fold::ConstFalse : Fold::ConstTrue;
  std::sort(Res.Loads.begin(), Res.Loads.end());
  Res.Loads.erase(std::unique(Res.Loads.begin(), Res.Loads.end()), Res.Loads.end());
  return Res;
}

} // namespace dcalias::archmodel
