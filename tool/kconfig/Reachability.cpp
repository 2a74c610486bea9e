#include "kconfig/Reachability.h"

#include "kconfig/Impl.h"

#include <z3.h>

#include <map>
#include <set>

namespace dcalias::kconfig {

namespace {


// A tristate value as two propositions: "at least m" (nz) and "y".
struct TV {
  Z3_ast Nz, Y;
};

class Encoder {
public:
  explicit Encoder(Kconfig &K) : K(K) {
    Z3_config Cfg = Z3_mk_config();
    Ctx = Z3_mk_context(Cfg);
    Z3_del_config(Cfg);
    Solver = Z3_mk_solver(Ctx);
    Z3_solver_inc_ref(Ctx, Solver);
    True = Z3_mk_true(Ctx);
    False = Z3_mk_false(Ctx);
  }
  ~Encoder() {
    Z3_solver_dec_ref(Ctx, Solver);
    Z3_del_context(Ctx);
  }

  Z3_ast var(const std::string &Name) {
    return Z3_mk_const(Ctx, Z3_mk_string_symbol(Ctx, Name.c_str()), Z3_mk_bool_sort(Ctx));
  }
  Z3_ast mkAnd(Z3_ast A, Z3_ast B) { Z3_ast X[2] = {A, B}; return Z3_mk_and(Ctx, 2, X); }
  Z3_ast mkOr(Z3_ast A, Z3_ast B) { Z3_ast X[2] = {A, B}; return Z3_mk_or(Ctx, 2, X); }
  Z3_ast mkNot(Z3_ast A) { return Z3_mk_not(Ctx, A); }
  Z3_ast implies(Z3_ast A, Z3_ast B) { return Z3_mk_implies(Ctx, A, B); }
  Z3_ast iff(Z3_ast A, Z3_ast B) { return Z3_mk_iff(Ctx, A, B); }
  void assert_(Z3_ast A) { Z3_solver_assert(Ctx, Solver, A); }

  TV constant(Tri T) { return {T >= Tri::Mod ? True : False, T == Tri::Yes ? True : False}; }
  TV tmin(TV A, TV B) { return {mkAnd(A.Nz, B.Nz), mkAnd(A.Y, B.Y)}; }
  TV tmax(TV A, TV B) { return {mkOr(A.Nz, B.Nz), mkOr(A.Y, B.Y)}; }
  TV tnot(TV A) { return {mkNot(A.Y), mkNot(A.Nz)}; }
  TV fromBool(Z3_ast B) { return {B, B}; }

  bool isTri(const Symbol *S) const {
    return S->Type == SymType::Bool || S->Type == SymType::Tristate;
  }

  // The raw (y, m) variables of a bool/tristate symbol; its value as a TV.
  TV sym(Symbol *S) {
    if (S == K.yes())
      return constant(Tri::Yes);
    if (S == K.mod())
      return {Modules, False};
    if (S == K.no() || S->isConst() || !isTri(S))
      return constant(Tri::No);
    auto It = Vars.find(S);
    if (It != Vars.end())
      return It->second;
    std::string N = S->displayName() + "#" + std::to_string(S->Serial);
    Z3_ast Y = var(N + ".y");
    Z3_ast M = S->Type == SymType::Tristate ? var(N + ".m") : False;
    assert_(mkNot(mkAnd(Y, M)));
    TV V{mkOr(Y, M), Y};
    Vars[S] = V;
    Pending.push_back(S);
    if (S->ChoiceOf && ChoicesDone.insert(S->ChoiceOf).second)
      choice(S->ChoiceOf);
    return V;
  }

  TV expr(const Expr *E) {
    if (!E)
      return constant(Tri::Yes);
    switch (E->Kind) {
    case ExprKind::Symbol:
      return sym(E->LS);
    case ExprKind::Not:
      return tnot(expr(E->L));
    case ExprKind::And:
      return tmin(expr(E->L), expr(E->R));
    case ExprKind::Or:
      return tmax(expr(E->L), expr(E->R));
    case ExprKind::Equal:
    case ExprKind::Unequal: {
      Z3_ast Eq;
      bool TriA = isTri(E->LS) || E->LS->isConst(), TriB = isTri(E->RS) || E->RS->isConst();
      if (TriA && TriB && (isTri(E->LS) || isTri(E->RS))) {
        TV A = sym(E->LS), B = sym(E->RS);
        Eq = mkAnd(iff(A.Nz, B.Nz), iff(A.Y, B.Y));
      } else {
        Eq = atom(E); // string/int/hex comparison: not modelled, free
      }
      return fromBool(E->Kind == ExprKind::Equal ? Eq : mkNot(Eq));
    }
    default:
      return fromBool(atom(E)); // <, <=, >, >=, ranges of numbers: free
    }
  }

  Z3_ast atom(const Expr *E) { return var("atom#" + std::to_string(reinterpret_cast<uintptr_t>(E))); }

  // conf's sym_calc_value() for one bool/tristate symbol, as constraints on its value V.
  void constrain(Symbol *S) {
    TV V = Vars[S];
    TV Rev = S->RevDep ? expr(S->RevDep) : constant(Tri::No);
    TV Dir = S->DirDep ? expr(S->DirDep) : constant(Tri::Yes);
    TV Vis = constant(Tri::No);
    for (Property *P : S->Props)
      if (P->isPrompt())
        Vis = tmax(Vis, expr(P->Visible));
    // First applicable default, AND its condition; implied values within the dependency.
    TV Def = constant(Tri::No);
    Z3_ast Earlier = False;
    for (Property *P : S->Props) {
      if (P->Kind != PropKind::Default)
        continue;
      TV Cond = expr(P->Visible);
      Z3_ast Applies = mkAnd(Cond.Nz, mkNot(Earlier));
      TV Val = tmin(expr(P->E), Cond);
      Def = tmax(Def, tmin(fromBool(Applies), Val));
      Earlier = mkOr(Earlier, Cond.Nz);
    }
    if (S->Implied)
      Def = tmax(Def, tmin(expr(S->Implied), Dir));
    TV Upper = tmax(tmax(Vis, Def), Rev);
    TV Computed = tmax(Def, Rev);
    bool Bool = S->Type == SymType::Bool;
    // m is promoted to y for bool symbols and when modules are off.
    auto promote = [&](TV T) -> TV {
      if (Bool)
        return {T.Nz, T.Nz};
      return {T.Nz, mkOr(T.Y, mkAnd(T.Nz, mkNot(Modules)))};
    };
    Upper = promote(Upper);
    Computed = promote(Computed);
    Rev = promote(Rev);
    Z3_ast Visible = Vis.Nz;
    // Visible: anything between the selects and the upper bound. Invisible: conf's value.
    assert_(implies(Visible, mkAnd(implies(V.Y, Upper.Y), implies(V.Nz, Upper.Nz))));
    assert_(implies(Visible, mkAnd(implies(Rev.Y, V.Y), implies(Rev.Nz, V.Nz))));
    assert_(implies(mkNot(Visible), mkAnd(iff(V.Y, Computed.Y), iff(V.Nz, Computed.Nz))));
    if (!Bool)
      assert_(implies(mkAnd(V.Nz, mkNot(V.Y)), Modules));
  }

  // A visible bool choice has exactly one member y; members are never y together.
  void choice(Symbol *C) {
    if (C->ChoiceValues.empty())
      return;
    std::vector<Z3_ast> Ys;
    for (Symbol *M : C->ChoiceValues)
      Ys.push_back(sym(M).Y);
    for (size_t A = 0; A < Ys.size(); ++A)
      for (size_t B = A + 1; B < Ys.size(); ++B)
        assert_(mkNot(mkAnd(Ys[A], Ys[B])));
    TV Vis = constant(Tri::No);
    for (Property *P : C->Props)
      if (P->isPrompt())
        Vis = tmax(Vis, expr(P->Visible));
    if (!C->isOptional() && C->Type == SymType::Bool)
      assert_(implies(Vis.Y, Z3_mk_or(Ctx, Ys.size(), Ys.data())));
  }

  void build() {
    Modules = var("MODULES#modules");
    if (K.modulesSymbol()) {
      TV M = sym(K.modulesSymbol());
      assert_(iff(Modules, M.Y));
    } else {
      assert_(mkNot(Modules));
    }
    // Only the cone of influence of what is asked is encoded (sym() pulls in every symbol a
    // constraint mentions, and a choice with its first member): a symbol outside it can
    // always take conf's value, so it cannot change the answer.
    flush();
  }

  void flush() {
    while (!Pending.empty()) {
      Symbol *S = Pending.back();
      Pending.pop_back();
      constrain(S);
    }
  }

  bool sat(Z3_ast A) {
    flush();
    Z3_solver_push(Ctx, Solver);
    Z3_solver_assert(Ctx, Solver, A);
    Z3_lbool R = Z3_solver_check(Ctx, Solver);
    Z3_solver_pop(Ctx, Solver, 1);
    return R == Z3_L_TRUE;
  }

  Kconfig &K;
  Z3_context Ctx;
  Z3_solver Solver;
  Z3_ast True, False, Modules = nullptr;
  std::map<Symbol *, TV> Vars;
  std::vector<Symbol *> Pending;
  std::set<Symbol *> ChoicesDone;
};

void conjuncts(const Expr *E, std::vector<const Expr *> &Out) {
  if (E && E->Kind == ExprKind::And) {
    conjuncts(E->L, Out);
    conjuncts(E->R, Out);
  } else if (E) {
    Out.push_back(E);
  }
}

} // namespace

std::vector<Reach> reachability(Kconfig &K, const std::vector<std::string> &Symbols) {
  Encoder En(K);
  En.build();
  std::vector<Reach> Out;
  for (const std::string &Name : Symbols) {
    Reach R;
    R.Symbol = Name;
    Symbol *S = K.find(Name);
    R.Exists = S && !S->Menus.empty();
    if (R.Exists) {
      R.Enabled = En.sat(En.sym(S).Nz);
      if (!R.Enabled) {
        std::vector<const Expr *> Cs;
        conjuncts(S->DirDep, Cs);
        for (const Expr *C : Cs)
          if (!En.sat(En.expr(C).Nz)) {
            R.Blocker = "depends on " + K.exprToString(C);
            break;
          }
        // Nothing that could set it (6.1's CPU_ARM7TDMI: no prompt, no default, no select)
        // is the reason even where its dependency could hold.
        bool NoSetter = !S->RevDep && !S->Implied && S->NPrompts == 0 && S->NDefaults == 0;
        if (R.Blocker.empty())
          R.Blocker = NoSetter   ? "no prompt, default or select can enable it"
                      : S->DirDep ? "depends on " + K.exprToString(S->DirDep) +
                                        " (no conjunct fails alone: only their combination)"
                      : S->RevDep && S->NPrompts == 0 && S->NDefaults == 0
                          ? "selected only where " + K.exprToString(S->RevDep) +
                                ", which no configuration satisfies"
                          : "no prompt, default or select can enable it";
        if (!S->Menus.empty())
          R.Blocker += " (" + S->Menus.front()->Loc.str() + ")";
      }
    }
    Out.push_back(std::move(R));
  }
  return Out;
}

} // namespace dcalias::kconfig
