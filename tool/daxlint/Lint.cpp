#include "daxlint/Lint.h"

#include "daxlint/CheckerArgs.h"
#include "support/Diagnostics.h"
#include "support/Progress.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <optional>
#include <set>

namespace dcalias::daxlint {

namespace {

class Consumer : public clang::ASTConsumer {
public:
  Consumer(const LintRules &R, TUFacts &Out) : R(R), Out(Out) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    std::set<std::string> Seen;
    collectFacts(Ctx, R, Seen, Out);
  }

private:
  const LintRules &R;
  TUFacts &Out;
};

class Action : public clang::ASTFrontendAction {
public:
  Action(const LintRules &R, TUFacts &Out) : R(R), Out(Out) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &,
                                                        llvm::StringRef) override {
    return std::make_unique<Consumer>(R, Out);
  }

private:
  const LintRules &R;
  TUFacts &Out;
};

class Factory : public clang::tooling::FrontendActionFactory {
public:
  Factory(const LintRules &R, TUFacts &Out) : R(R), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(R, Out);
  }

private:
  const LintRules &R;
  TUFacts &Out;
};

// Keeps Clang's diagnostics for the error message of a file that does not parse.
class Collect : public clang::DiagnosticConsumer {
public:
  std::string Text;
  unsigned Errors = 0;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level L, const clang::Diagnostic &D) override {
    if (L < clang::DiagnosticsEngine::Error)
      return;
    ++Errors;
    if (Errors > 5)
      return;
    llvm::SmallString<256> Msg;
    D.FormatDiagnostic(Msg);
    std::string Where;
    if (D.hasSourceManager() && D.getLocation().isValid()) {
      clang::PresumedLoc P = D.getSourceManager().getPresumedLoc(D.getLocation());
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    Text += Where + "error: " + Msg.str().str() + "\n";
  }
};

} // namespace

llvm::Expected<LintResult> runLint(const LintOptions &O, const LintRules &R) {
  std::string Err;
  std::unique_ptr<clang::tooling::CompilationDatabase> Owned;
  const clang::tooling::CompilationDatabase *DB = O.Database;
  if (!DB) {
    Owned = clang::tooling::CompilationDatabase::loadFromDirectory(O.BuildDir, Err);
    if (!Owned)
      return makeLocatedError({O.BuildDir, 0, 0}, "no usable compile_commands.json: " + Err);
    DB = Owned.get();
  }
  std::vector<std::string> Files = O.Files;
  if (Files.empty())
    Files = DB->getAllFiles();
  if (Files.empty()) // nothing analysed is never a clean result
    return makeLocatedError({O.BuildDir + "/compile_commands.json", 0, 0},
                            "the compilation database lists no translation unit");
  // Names resolve to database entries exactly: a path that exists (made absolute), else a
  // path relative to the tree the database describes ("fs/dax.c").
  std::vector<std::string> Known = DB->getAllFiles();
  std::set<std::string> KnownSet(Known.begin(), Known.end());
  for (std::string &F : Files) {
    if (O.Database) { // a fixed command line: any file, as given
      llvm::SmallString<256> Abs(F);
      llvm::sys::fs::make_absolute(Abs);
      F = Abs.str().str();
      continue;
    }
    llvm::SmallString<256> Abs(F);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, true);
    if (llvm::sys::fs::exists(Abs) && KnownSet.count(Abs.str().str())) {
      F = Abs.str().str();
      continue;
    }
    std::string Match;
    for (const std::string &X : Known)
      if (X == F || llvm::StringRef(X).ends_with("/" + F)) {
        Match = X;
        break;
      }
    if (Match.empty())
      return makeLocatedError({F, 0, 0}, "not in " + O.BuildDir + "/compile_commands.json");
    F = Match;
  }
  std::vector<TUFacts> TUs(Files.size());
  std::vector<std::optional<Unparsed>> Errors(Files.size());
  {
    Progress Bar("lint", Files.size(), "translation units");
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(O.Jobs));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        // Each tool changes its own working directory to the command's: a physical file
        // system per thread, not the process-wide one (chdir would race between threads).
        clang::tooling::ClangTool Tool(*DB, {Files[I]},
                                       std::make_shared<clang::PCHContainerOperations>(),
                                       llvm::vfs::createPhysicalFileSystem());
        // A real Kbuild database (gen_compile_commands.py) holds gcc's command lines.
        Tool.appendArgumentsAdjuster(
            [](const clang::tooling::CommandLineArguments &Args, llvm::StringRef) { return clangCompatible(Args); });
        Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
            {"-Wno-everything", "-ferror-limit=0"}, clang::tooling::ArgumentInsertPosition::END));
        if (!O.ExtraArgs.empty())
          Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
              O.ExtraArgs, clang::tooling::ArgumentInsertPosition::END));
        for (const auto &[Path, Text] : O.Overlay)
          Tool.mapVirtualFile(Path, Text);
        Collect Diags;
        Tool.setDiagnosticConsumer(&Diags);
        Factory F(R, TUs[I]);
        int RC = Tool.run(&F);
        if (RC != 0 || Diags.Errors)
          Errors[I] = Unparsed{Files[I], Diags.Errors, Diags.Text};
        Bar.tick();
      });
    Pool.wait();
  }
  // One translation unit that does not parse never silences the others: they are analysed,
  // it is reported beside their findings.
  LintResult Res;
  Res.TranslationUnits = Files.size();
  std::vector<TUFacts> Parsed;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Errors[I]) {
      Res.Failed.push_back(std::move(*Errors[I]));
      continue;
    }
    Res.Functions += TUs[I].Functions.size();
    Parsed.push_back(std::move(TUs[I]));
  }
  Res.Findings = analyse(Parsed, R);
  return Res;
}

llvm::Error failedUnits(const LintResult &R) {
  std::string All;
  for (const Unparsed &U : R.Failed)
    All += U.File + ": error: does not parse (" + std::to_string(U.Errors) + " errors)\n" + U.Diagnostics;
  if (All.empty())
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(), llvm::StringRef(All).rtrim("\n"));
}

} // namespace dcalias::daxlint
