// daxlint/Facts.h: what one function does with addresses, read from Clang's AST and CFG.
//
// Contract: for every function with a body in a translation unit (main file and headers;
// the same inline function seen in several TUs is kept once, by USR), record in plain data
// that outlives the AST: its variables (parameters first), the value flow between them
// (assignments and initialisations, flow-insensitive), every direct call with what flows into
// each argument, every load and store through a pointer, and, from the CFG's dominator trees,
// which flush calls (LintRules::Flushes) dominate or post-dominate each call and access. Also
// the functions named in initialisers of the rules' ops struct (entry points).
#pragma once

#include "daxlint/Rules.h"

#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace dcalias::daxlint {

struct Loc {
  std::string File; // as Clang names it (absolute for kernel sources)
  unsigned Line = 0, Col = 0;
  std::string str() const { return File + ":" + std::to_string(Line) + ":" + std::to_string(Col); }
};

// What an expression's value is made of: local variables (by index) and the results of calls
// (by index into FunctionFacts::Calls).
struct ValueRefs {
  std::set<int> Vars, Calls;
  bool empty() const { return Vars.empty() && Calls.empty(); }
};

struct Access {
  Loc At;
  std::vector<int> DomFlush, PostDomFlush; // indices of flush calls in Calls
};

struct CallFact : Access {
  std::string Callee, CalleeUSR; // normalised name; USR empty for indirect calls
  std::string CalleeField;       // indirect call through a struct field: "struct::field"
  std::vector<ValueRefs> Args;
  std::vector<int> AddrOfVar;   // per argument: the variable of "&v", or -1
  std::vector<int> PlainVar;    // per argument: the variable of a bare "v", or -1
  // per argument: every local variable the expression mentions, also inside calls
  // (flush_dcache_page(pfn_t_to_page(pfn)) names pfn; kmap_atomic(vmf->cow_page) names vmf)
  std::vector<std::set<int>> DeepVars;
};

struct DerefFact : Access {
  ValueRefs Ptr;
  bool Write = false;
};

struct FunctionFacts {
  std::string Name, USR;
  Loc At;
  unsigned NumParams = 0;
  std::vector<std::string> Vars; // parameters first
  std::vector<std::pair<int, ValueRefs>> Assigns;
  std::vector<CallFact> Calls;
  std::vector<DerefFact> Derefs;
};

struct TUFacts {
  std::vector<FunctionFacts> Functions;
  std::vector<std::string> OpsFunctionUSRs; // named in an initialiser of the ops struct
  // Functions installed in struct fields by initialisers ("dax_operations::recovery_write",
  // USR): the targets of indirect calls through those fields.
  std::vector<std::pair<std::string, std::string>> FieldFunctions;
};

// Collects the facts of every function defined in the AST (skipping USRs in Seen, which it
// extends).
void collectFacts(clang::ASTContext &Ctx, const LintRules &R, std::set<std::string> &Seen,
                  TUFacts &Out);

} // namespace dcalias::daxlint
