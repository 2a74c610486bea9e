#include "daxlint/Analysis.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace dcalias::daxlint {

namespace {

// Where an address comes from, inside one function.
struct Origin {
  bool FromParam = false;
  int Param = -1;              // FromParam: the parameter
  std::set<int> Related;       // variables naming the same page (out-params, the page argument)
  std::string Desc;
  bool operator<(const Origin &O) const {
    return std::tie(FromParam, Param, Desc) < std::tie(O.FromParam, O.Param, O.Desc);
  }
};

// A parameter touched (without a covering flush) inside a function or its callees.
struct ParamTouch {
  bool Write = false;
  std::string Desc; // "memset at file:line" or "f -> memcpy at file:line"
};

struct Ctx {
  const LintRules &R;
  std::map<std::string, const FunctionFacts *> ByUSR;
  std::map<std::string, std::set<int>> OutSource; // USR -> params receiving an address
  std::map<std::string, std::map<int, std::vector<ParamTouch>>> Summary;
  std::map<std::string, std::set<std::string>> FieldTargets; // "struct::field" -> USRs
  // The functions a call may reach: its direct callee, or what initialisers installed in
  // the struct field it calls through.
  std::vector<std::string> targets(const CallFact &Call) const {
    if (!Call.CalleeUSR.empty())
      return {Call.CalleeUSR};
    std::vector<std::string> Out;
    if (auto It = FieldTargets.find(Call.CalleeField); It != FieldTargets.end())
      Out.assign(It->second.begin(), It->second.end());
    return Out;
  }
};

std::string shortLoc(const Loc &L) {
  llvm::StringRef F(L.File);
  // Paths relative to the kernel tree where they are inside one (its top has MAINTAINERS).
  for (const char *Top : {"/fs/", "/drivers/", "/include/", "/arch/", "/mm/", "/lib/", "/block/"}) {
    size_t P = F.rfind(Top);
    if (P != llvm::StringRef::npos) {
      F = F.drop_front(P + 1);
      break;
    }
  }
  return F.str() + ":" + std::to_string(L.Line);
}

// Variables reachable backwards through assignments: everything v's value may come from.
std::set<int> closure(const FunctionFacts &F, const std::set<int> &Start) {
  std::set<int> Seen(Start.begin(), Start.end());
  std::deque<int> Work(Start.begin(), Start.end());
  while (!Work.empty()) {
    int V = Work.front();
    Work.pop_front();
    for (const auto &[To, From] : F.Assigns)
      if (To == V)
        for (int X : From.Vars)
          if (Seen.insert(X).second)
            Work.push_back(X);
  }
  return Seen;
}

int outArgOf(Ctx &C, const CallFact &Call, std::vector<int> &Related) {
  auto It = C.R.Sources.find(Call.Callee);
  if (It != C.R.Sources.end() && It->second.OutArg >= 0) {
    Related = It->second.RelatedOut;
    return It->second.OutArg;
  }
  auto S = C.OutSource.find(Call.CalleeUSR);
  if (S != C.OutSource.end() && !S->second.empty())
    return *S->second.begin();
  return -1;
}

// Origins of every variable of F (flow-insensitive fixpoint over its assignments).
std::map<int, std::set<Origin>> origins(Ctx &C, const FunctionFacts &F) {
  std::map<int, std::set<Origin>> O;
  for (unsigned P = 0; P < F.NumParams; ++P)
    O[P].insert({true, int(P), {int(P)}, "parameter " + F.Vars[P]});
  // Calls whose result is an address, and out-parameters filled by a call.
  std::map<int, Origin> CallResult;
  for (size_t I = 0; I < F.Calls.size(); ++I) {
    const CallFact &Call = F.Calls[I];
    auto It = C.R.Sources.find(Call.Callee);
    if (It != C.R.Sources.end() && It->second.PageArg >= 0 &&
        size_t(It->second.PageArg) < Call.Args.size()) {
      std::set<int> Page = closure(F, Call.DeepVars[It->second.PageArg]);
      Origin Or;
      for (int V : Page)
        if (V < int(F.NumParams)) {
          Or.FromParam = true;
          Or.Param = V;
          break;
        }
      Or.Related = Page;
      Or.Desc = Call.Callee + "() at " + shortLoc(Call.At);
      CallResult[I] = Or;
    }
    std::vector<int> Related;
    int Out = outArgOf(C, Call, Related);
    if (Out >= 0 && size_t(Out) < Call.Args.size() && Call.AddrOfVar[Out] >= 0) {
      Origin Or;
      int V = Call.AddrOfVar[Out];
      Or.Related.insert(V);
      for (int Rl : Related)
        if (size_t(Rl) < Call.AddrOfVar.size() && Call.AddrOfVar[Rl] >= 0)
          Or.Related.insert(Call.AddrOfVar[Rl]);
      Or.Desc = Call.Callee + "() out-parameter " + F.Vars[V] + " at " + shortLoc(Call.At);
      O[V].insert(Or);
    }
  }
  auto ofRefs = [&](const ValueRefs &R) {
    std::set<Origin> S;
    for (int V : R.Vars)
      S.insert(O[V].begin(), O[V].end());
    for (int Cl : R.Calls)
      if (auto It = CallResult.find(Cl); It != CallResult.end())
        S.insert(It->second);
    return S;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[To, From] : F.Assigns)
      for (const Origin &Or : ofRefs(From))
        Changed |= O[To].insert(Or).second;
  }
  // Expressions that are call results directly (memset(page_address(p), ...)) are looked
  // up through CallResult by the caller of this function; store them under negative keys.
  for (auto &[I, Or] : CallResult)
    O[-1 - I].insert(Or);
  return O;
}

std::set<Origin> originsOf(std::map<int, std::set<Origin>> &O, const ValueRefs &R) {
  std::set<Origin> S;
  for (int V : R.Vars)
    S.insert(O[V].begin(), O[V].end());
  for (int Cl : R.Calls)
    S.insert(O[-1 - Cl].begin(), O[-1 - Cl].end());
  return S;
}

bool covered(const FunctionFacts &F, const Access &A, bool Write, const Origin &Or,
             const ValueRefs &Addr) {
  std::set<int> Mine = closure(F, Addr.Vars);
  Mine.insert(Or.Related.begin(), Or.Related.end());
  const std::vector<int> &Flushes = Write ? A.PostDomFlush : A.DomFlush;
  for (int I : Flushes) {
    const CallFact &Fl = F.Calls[I];
    if (Fl.Args.empty())
      continue;
    std::set<int> Theirs = closure(F, Fl.DeepVars[0]);
    for (int V : Theirs)
      if (Mine.count(V))
        return true;
  }
  return false;
}

struct Event {
  const Access *A;
  const ValueRefs *Addr;
  bool Write;
  std::string Desc;
  std::string Callee; // for chains through summaries
};

std::vector<Event> events(Ctx &C, const FunctionFacts &F) {
  std::vector<Event> Out;
  for (const CallFact &Call : F.Calls) {
    auto T = C.R.Touches.find(Call.Callee);
    if (T != C.R.Touches.end()) {
      for (int I : T->second.Write)
        if (size_t(I) < Call.Args.size())
          Out.push_back({&Call, &Call.Args[I], true, Call.Callee + "() at " + shortLoc(Call.At), ""});
      for (int I : T->second.Read)
        if (size_t(I) < Call.Args.size())
          Out.push_back({&Call, &Call.Args[I], false, Call.Callee + "() at " + shortLoc(Call.At), ""});
      continue;
    }
    for (const std::string &T : C.targets(Call)) {
      auto S = C.Summary.find(T);
      if (S == C.Summary.end())
        continue;
      std::string Name = Call.CalleeUSR.empty() ? Call.Callee + " = " + C.ByUSR[T]->Name : Call.Callee;
      for (const auto &[P, Touches] : S->second)
        if (size_t(P) < Call.Args.size())
          for (const ParamTouch &PT : Touches)
            Out.push_back({&Call, &Call.Args[P], PT.Write, Name + "() -> " + PT.Desc, Name});
    }
  }
  for (const DerefFact &D : F.Derefs)
    Out.push_back({&D, &D.Ptr, D.Write,
                   std::string(D.Write ? "store" : "load") + " through pointer at " + shortLoc(D.At), ""});
  return Out;
}

} // namespace

std::vector<Finding> analyse(const std::vector<TUFacts> &TUs, const LintRules &R) {
  Ctx C{R, {}, {}, {}, {}};
  std::set<std::string> Entries;
  for (const TUFacts &T : TUs) {
    for (const FunctionFacts &F : T.Functions)
      C.ByUSR.emplace(F.USR, &F);
    Entries.insert(T.OpsFunctionUSRs.begin(), T.OpsFunctionUSRs.end());
  }
  for (const TUFacts &T : TUs)
    for (const auto &[Field, USR] : T.FieldFunctions)
      if (C.ByUSR.count(USR))
        C.FieldTargets[Field].insert(USR);
  for (auto &[USR, F] : C.ByUSR)
    if (std::find(R.EntryFunctions.begin(), R.EntryFunctions.end(), F->Name) != R.EntryFunctions.end())
      Entries.insert(USR);

  // (1) wrappers that pass their parameter as a source's out-parameter.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[USR, F] : C.ByUSR) {
      if (R.Sources.count(F->Name))
        continue;
      for (const CallFact &Call : F->Calls) {
        std::vector<int> Rel;
        int Out = outArgOf(C, Call, Rel);
        if (Out >= 0 && size_t(Out) < Call.PlainVar.size() && Call.PlainVar[Out] >= 0 &&
            Call.PlainVar[Out] < int(F->NumParams))
          Changed |= C.OutSource[USR].insert(Call.PlainVar[Out]).second;
      }
    }
  }

  // (3) parameter summaries to a fixpoint; the touches of local origins are kept per function.
  struct Local {
    Event E;
    Origin Or;
  };
  std::map<std::string, std::vector<Local>> Locals;
  for (bool Changed = true; Changed;) {
    Changed = false;
    Locals.clear();
    for (auto &[USR, F] : C.ByUSR) {
      if (R.Sources.count(F->Name) || R.Touches.count(F->Name) || R.Flushes.count(F->Name))
        continue; // the rules describe these; their bodies are the mechanism, not a DAX path
      auto O = origins(C, *F);
      for (const Event &E : events(C, *F)) {
        for (const Origin &Or : originsOf(O, *E.Addr)) {
          if (covered(*F, *E.A, E.Write, Or, *E.Addr))
            continue;
          if (Or.FromParam) {
            auto &List = C.Summary[USR][Or.Param];
            bool Have = false;
            for (const ParamTouch &PT : List)
              Have |= PT.Write == E.Write;
            if (!Have) {
              List.push_back({E.Write, E.Desc});
              Changed = true;
            }
          } else {
            Locals[USR].push_back({E, Or});
          }
        }
      }
    }
  }

  // (4) reachability from the entry points, with one chain each.
  std::map<std::string, std::string> Parent;
  std::deque<std::string> Work;
  for (const std::string &E : Entries)
    if (C.ByUSR.count(E) && Parent.emplace(E, "").second)
      Work.push_back(E);
  while (!Work.empty()) {
    std::string U = Work.front();
    Work.pop_front();
    for (const CallFact &Call : C.ByUSR[U]->Calls)
      for (const std::string &T : C.targets(Call))
        if (C.ByUSR.count(T) && Parent.emplace(T, U).second)
          Work.push_back(T);
  }
  std::vector<Finding> Out;
  std::set<std::string> Dedup;
  for (auto &[USR, Ls] : Locals) {
    if (!Parent.count(USR))
      continue;
    std::vector<std::string> Chain;
    std::vector<Loc> ChainAt;
    for (std::string U = USR; !U.empty(); U = Parent[U]) {
      Chain.insert(Chain.begin(), C.ByUSR[U]->Name);
      ChainAt.insert(ChainAt.begin(), C.ByUSR[U]->At);
    }
    for (const Local &L : Ls) {
      Finding Fd;
      Fd.Write = L.E.Write;
      Fd.RuleId = L.E.Write ? "dax-linear-write" : "dax-linear-read";
      Fd.At = L.E.A->At;
      Fd.Function = C.ByUSR[USR]->Name;
      Fd.Touch = L.E.Desc;
      Fd.Origin = L.Or.Desc;
      Fd.Chain = Chain;
      Fd.ChainAt = ChainAt;
      std::string Key = Fd.At.str() + Fd.RuleId;
      if (Dedup.insert(Key).second)
        Out.push_back(std::move(Fd));
    }
  }
  std::sort(Out.begin(), Out.end(), [](const Finding &A, const Finding &B) {
    return std::tie(A.At.File, A.At.Line, A.At.Col, A.RuleId) <
           std::tie(B.At.File, B.At.Line, B.At.Col, B.RuleId);
  });
  return Out;
}

std::string stableKey(const Finding &F) {
  std::string Key = F.RuleId + "|" + F.At.File + "|" + F.Function + "|" + F.Touch + "|" + F.Origin;
  std::string Out;
  for (size_t I = 0; I < Key.size(); ++I) {
    if (Key[I] == ':' && I + 1 < Key.size() && isdigit(static_cast<unsigned char>(Key[I + 1]))) {
      while (I + 1 < Key.size() && isdigit(static_cast<unsigned char>(Key[I + 1])))
        ++I;
      continue;
    }
    Out += Key[I];
  }
  return Out;
}

std::string summary(const Finding &F) {
  return std::string("kernel ") + (F.Write ? "write to" : "read of") +
         " a page through the linear mapping without flush_dcache_folio() on every path";
}

} // namespace dcalias::daxlint
