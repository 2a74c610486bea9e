#include "daxlint/Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"
#include "clang/Index/USRGeneration.h"

namespace dcalias::daxlint {

namespace {

Loc locOf(const clang::SourceManager &SM, clang::SourceLocation L) {
  Loc Out;
  clang::SourceLocation F = SM.getFileLoc(L);
  clang::PresumedLoc P = SM.getPresumedLoc(F);
  if (P.isValid()) {
    Out.File = P.getFilename();
    Out.Line = P.getLine();
    Out.Col = P.getColumn();
  }
  return Out;
}

std::string usrOf(const clang::Decl *D) {
  llvm::SmallString<128> Buf;
  if (clang::index::generateUSRForDecl(D, Buf))
    return "";
  return Buf.str().str();
}

class FunctionWalker : public clang::RecursiveASTVisitor<FunctionWalker> {
public:
  FunctionWalker(clang::ASTContext &Ctx, const LintRules &R, FunctionFacts &F)
      : Ctx(Ctx), Rules(R), F(F) {}

  int varIndex(const clang::ValueDecl *D) {
    auto It = Index.find(D);
    if (It != Index.end())
      return It->second;
    int I = F.Vars.size();
    F.Vars.push_back(D->getNameAsString());
    Index[D] = I;
    return I;
  }

  // The variables and call results an expression's value is made of.
  ValueRefs refs(const clang::Expr *E) {
    ValueRefs R;
    collect(E, R);
    return R;
  }

  void collect(const clang::Expr *E, ValueRefs &R) {
    if (!E)
      return;
    E = E->IgnoreParenImpCasts();
    if (auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
      if (auto *V = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
        if (V->hasLocalStorage())
          R.Vars.insert(varIndex(V));
      return;
    }
    if (auto *C = llvm::dyn_cast<clang::CallExpr>(E)) {
      auto It = CallIndex.find(C);
      if (It != CallIndex.end())
        R.Calls.insert(It->second);
      return;
    }
    if (auto *U = llvm::dyn_cast<clang::UnaryOperator>(E)) {
      if (U->getOpcode() == clang::UO_Deref)
        return; // the loaded value, not the pointer's origin
      // &v is where v lives, not what v points to (out-parameters are Calls[].AddrOfVar).
      if (U->getOpcode() == clang::UO_AddrOf &&
          llvm::isa<clang::DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        return;
      collect(U->getSubExpr(), R);
      return;
    }
    if (auto *M = llvm::dyn_cast<clang::MemberExpr>(E)) {
      collect(M->getBase(), R);
      return;
    }
    if (auto *B = llvm::dyn_cast<clang::BinaryOperator>(E)) {
      if (B->isAssignmentOp()) {
        collect(B->getLHS(), R);
        return;
      }
      if (B->isComparisonOp() || B->isLogicalOp())
        return;
      collect(B->getLHS(), R);
      collect(B->getRHS(), R);
      return;
    }
    if (auto *C = llvm::dyn_cast<clang::AbstractConditionalOperator>(E)) {
      collect(C->getTrueExpr(), R);
      collect(C->getFalseExpr(), R);
      return;
    }
    if (auto *C = llvm::dyn_cast<clang::CastExpr>(E)) {
      collect(C->getSubExpr(), R);
      return;
    }
    if (auto *A = llvm::dyn_cast<clang::ArraySubscriptExpr>(E)) {
      collect(A->getBase(), R);
      return;
    }
    if (auto *S = llvm::dyn_cast<clang::StmtExpr>(E)) {
      // ({ ...; value; }): the value is the last expression statement.
      if (const clang::CompoundStmt *CS = S->getSubStmt(); CS && !CS->body_empty())
        if (auto *Last = llvm::dyn_cast<clang::Expr>(CS->body_back()))
          collect(Last, R);
      return;
    }
  }

  std::set<int> deepVars(const clang::Stmt *S) {
    std::set<int> Out;
    if (!S)
      return Out;
    if (auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(S))
      if (auto *V = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
        if (V->hasLocalStorage())
          Out.insert(varIndex(V));
    const clang::Stmt *Callee = nullptr;
    if (auto *Call = llvm::dyn_cast<clang::CallExpr>(S))
      Callee = Call->getCallee(); // get() names no page: only the arguments do
    for (const clang::Stmt *C : S->children()) {
      if (C == Callee)
        continue;
      std::set<int> Sub = deepVars(C);
      Out.insert(Sub.begin(), Sub.end());
    }
    return Out;
  }

  const clang::ValueDecl *plainVar(const clang::Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
      if (auto *V = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
        if (V->hasLocalStorage())
          return V;
    return nullptr;
  }

  // First pass: number the calls so that refs() can name them.
  bool VisitCallExpr(clang::CallExpr *C) {
    if (!CallIndex.count(C)) {
      CallIndex[C] = Order.size();
      Order.push_back(C);
    }
    return true;
  }

  void finishCalls() {
    for (clang::CallExpr *C : Order) {
      CallFact CF;
      CF.At = locOf(Ctx.getSourceManager(), C->getBeginLoc());
      if (const clang::FunctionDecl *D = C->getDirectCallee()) {
        CF.Callee = normalizedCallee(D->getName());
        CF.CalleeUSR = usrOf(D->getCanonicalDecl());
      } else if (auto *M = llvm::dyn_cast<clang::MemberExpr>(C->getCallee()->IgnoreParenImpCasts())) {
        if (auto *FD = llvm::dyn_cast<clang::FieldDecl>(M->getMemberDecl())) {
          CF.CalleeField = FD->getParent()->getName().str() + "::" + FD->getName().str();
          CF.Callee = CF.CalleeField;
        }
      }
      for (const clang::Expr *A : C->arguments()) {
        CF.Args.push_back(refs(A));
        int AddrOf = -1;
        if (auto *U = llvm::dyn_cast<clang::UnaryOperator>(A->IgnoreParenImpCasts()))
          if (U->getOpcode() == clang::UO_AddrOf)
            if (const clang::ValueDecl *V = plainVar(U->getSubExpr()))
              AddrOf = varIndex(V);
        CF.AddrOfVar.push_back(AddrOf);
        const clang::ValueDecl *P = plainVar(A);
        CF.PlainVar.push_back(P ? varIndex(P) : -1);
        CF.DeepVars.push_back(deepVars(A));
      }
      F.Calls.push_back(std::move(CF));
    }
  }

  // Second pass: value flow and accesses through pointers.
  void flow(clang::Stmt *S) {
    if (!S)
      return;
    if (auto *B = llvm::dyn_cast<clang::BinaryOperator>(S)) {
      if (B->isAssignmentOp()) {
        if (const clang::ValueDecl *V = plainVar(B->getLHS()))
          F.Assigns.push_back({varIndex(V), refs(B->getRHS())});
        else
          access(B->getLHS(), /*Write=*/true);
      }
    } else if (auto *U = llvm::dyn_cast<clang::UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp())
        access(U->getSubExpr(), /*Write=*/true);
      else if (U->getOpcode() == clang::UO_Deref)
        access(U, /*Write=*/false);
    } else if (auto *A = llvm::dyn_cast<clang::ArraySubscriptExpr>(S)) {
      access(A, /*Write=*/false);
    } else if (auto *D = llvm::dyn_cast<clang::DeclStmt>(S)) {
      for (const clang::Decl *X : D->decls())
        if (auto *V = llvm::dyn_cast<clang::VarDecl>(X))
          if (V->hasLocalStorage() && V->hasInit())
            F.Assigns.push_back({varIndex(V), refs(V->getInit())});
    }
    for (clang::Stmt *Child : S->children())
      flow(Child);
  }

  void access(const clang::Expr *E, bool Write) {
    E = E->IgnoreParenImpCasts();
    const clang::Expr *Ptr = nullptr;
    if (auto *U = llvm::dyn_cast<clang::UnaryOperator>(E); U && U->getOpcode() == clang::UO_Deref)
      Ptr = U->getSubExpr();
    else if (auto *A = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
      Ptr = A->getBase();
    if (!Ptr || !Ptr->getType()->isPointerType())
      return;
    // Through a pointer to a pointer only an address is read or written (an out-parameter
    // being filled or tested), not page contents.
    if (E->getType()->isPointerType())
      return;
    // A store's target is also visited as a load by the walk: keep the store only.
    if (Accessed.count(E))
      return;
    Accessed.insert(E);
    DerefFact D;
    D.At = locOf(Ctx.getSourceManager(), E->getExprLoc());
    D.Ptr = refs(Ptr);
    D.Write = Write;
    if (!D.Ptr.empty()) {
      F.Derefs.push_back(std::move(D));
      DerefStmts.push_back(E);
    }
  }

  clang::ASTContext &Ctx;
  const LintRules &Rules;
  FunctionFacts &F;
  std::map<const clang::ValueDecl *, int> Index;
  std::map<const clang::CallExpr *, int> CallIndex;
  std::vector<clang::CallExpr *> Order;
  std::set<const clang::Expr *> Accessed;
  std::vector<const clang::Expr *> DerefStmts;
};

// Which flush calls dominate / post-dominate each call and access, from the CFG.
void dominance(clang::ASTContext &Ctx, const clang::FunctionDecl *FD, const LintRules &R,
               FunctionWalker &W) {
  clang::CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  Opts.AddImplicitDtors = false;
  std::unique_ptr<clang::CFG> G = clang::CFG::buildCFG(FD, FD->getBody(), &Ctx, Opts);
  if (!G)
    return;
  std::map<const clang::Stmt *, std::pair<const clang::CFGBlock *, unsigned>> Where;
  for (const clang::CFGBlock *B : *G) {
    unsigned I = 0;
    for (const clang::CFGElement &E : *B) {
      if (auto S = E.getAs<clang::CFGStmt>())
        Where.emplace(S->getStmt(), std::make_pair(B, I));
      ++I;
    }
  }
  clang::CFGDomTree Dom(G.get());
  clang::CFGPostDomTree PostDom(G.get());
  auto position = [&](const clang::Stmt *S) -> std::optional<std::pair<const clang::CFGBlock *, unsigned>> {
    auto It = Where.find(S);
    if (It == Where.end())
      return std::nullopt;
    return It->second;
  };
  std::vector<std::pair<int, std::pair<const clang::CFGBlock *, unsigned>>> Flushes;
  for (size_t I = 0; I < W.Order.size(); ++I)
    if (R.Flushes.count(W.F.Calls[I].Callee))
      if (auto P = position(W.Order[I]))
        Flushes.push_back({int(I), *P});
  if (Flushes.empty())
    return;
  auto fill = [&](const clang::Stmt *S, Access &A) {
    auto P = position(S);
    if (!P)
      return;
    for (auto &[Idx, FP] : Flushes) {
      if (FP.first == P->first) {
        if (FP.second < P->second)
          A.DomFlush.push_back(Idx);
        else if (FP.second > P->second)
          A.PostDomFlush.push_back(Idx);
        continue;
      }
      if (Dom.dominates(FP.first, P->first))
        A.DomFlush.push_back(Idx);
      if (PostDom.dominates(FP.first, P->first))
        A.PostDomFlush.push_back(Idx);
    }
  };
  for (size_t I = 0; I < W.Order.size(); ++I)
    fill(W.Order[I], W.F.Calls[I]);
  for (size_t I = 0; I < W.DerefStmts.size(); ++I)
    fill(W.DerefStmts[I], W.F.Derefs[I]);
}

class TUWalker : public clang::RecursiveASTVisitor<TUWalker> {
public:
  TUWalker(clang::ASTContext &Ctx, const LintRules &R, std::set<std::string> &Seen, TUFacts &Out)
      : Ctx(Ctx), Rules(R), Seen(Seen), Out(Out) {}

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return true;
    std::string USR = usrOf(FD);
    if (USR.empty() || !Seen.insert(USR).second)
      return true;
    FunctionFacts F;
    F.Name = FD->getNameAsString();
    F.USR = USR;
    F.At = locOf(Ctx.getSourceManager(), FD->getLocation());
    FunctionWalker W(Ctx, Rules, F);
    for (const clang::ParmVarDecl *P : FD->parameters())
      W.varIndex(P);
    F.NumParams = FD->getNumParams();
    W.TraverseStmt(FD->getBody());
    W.finishCalls();
    W.flow(FD->getBody());
    dominance(Ctx, FD, Rules, W);
    Out.Functions.push_back(std::move(F));
    return true;
  }

  bool VisitVarDecl(clang::VarDecl *V) {
    if (!V->hasInit())
      return true;
    const clang::RecordType *RT = V->getType()->getAs<clang::RecordType>();
    if (!RT)
      return true;
    const clang::RecordDecl *RD = RT->getDecl()->getDefinition();
    auto *IL = llvm::dyn_cast<clang::InitListExpr>(V->getInit()->IgnoreImplicit());
    if (!RD || !IL)
      return true;
    if (IL->isSemanticForm() == false && IL->getSemanticForm())
      IL = IL->getSemanticForm();
    bool Ops = !Rules.OpsStruct.empty() && RD->getName() == Rules.OpsStruct;
    unsigned I = 0;
    for (const clang::FieldDecl *FD : RD->fields()) {
      if (I >= IL->getNumInits())
        break;
      const clang::Expr *Init = IL->getInit(I++);
      auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(Init->IgnoreParenImpCasts());
      auto *Fn = DR ? llvm::dyn_cast<clang::FunctionDecl>(DR->getDecl()) : nullptr;
      if (!Fn)
        continue;
      std::string USR = usrOf(Fn->getCanonicalDecl());
      Out.FieldFunctions.push_back({RD->getName().str() + "::" + FD->getName().str(), USR});
      if (Ops)
        Out.OpsFunctionUSRs.push_back(USR);
    }
    return true;
  }

  clang::ASTContext &Ctx;
  const LintRules &Rules;
  std::set<std::string> &Seen;
  TUFacts &Out;
};

} // namespace

void collectFacts(clang::ASTContext &Ctx, const LintRules &R, std::set<std::string> &Seen,
                  TUFacts &Out) {
  TUWalker W(Ctx, R, Seen, Out);
  W.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace dcalias::daxlint
