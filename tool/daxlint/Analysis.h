// daxlint/Analysis.h: DAX paths that touch pages through the linear mapping without a flush.
//
// Contract: over the facts of all translation units, (1) functions whose parameter receives
// a linear-mapping address (wrappers of dax_direct_access) become sources, to a fixpoint;
// (2) per function, the origin of each variable: a local source (DAX out-parameter, or a page
// mapped by page_address/kmap*/__va... whose page does not come from a parameter) or a
// parameter; (3) each touch (a rules touch function's address arguments, a load or store
// through the pointer, or a call into a function that touches its parameter) whose origin is
// not covered by a flush of the same page: dominating it for a kernel read, post-dominating it
// for a kernel write; parameter origins become the function's summary, to a fixpoint;
// (4) local-origin touches in functions reachable from the entry points are findings, each
// with one call chain from an entry point.
#pragma once

#include "daxlint/Facts.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::daxlint {

struct Finding {
  std::string RuleId;    // dax-linear-write | dax-linear-read
  Loc At;
  std::string Function;  // where the touch (or the call that leads to it) is
  std::string Touch;     // "memset", "store through pointer", "dax_copy_from_iter -> _copy_from_iter (drivers/dax/super.c:NN)"
  bool Write = false;    // kernel write (else kernel read)
  std::string Origin;    // "dax_direct_access() out-parameter kaddr at fs/dax.c:1305"
  std::vector<std::string> Chain; // entry point ... Function
  std::vector<Loc> ChainAt;       // where each function of Chain is defined
};

std::vector<Finding> analyse(const std::vector<TUFacts> &TUs, const LintRules &R);

// A finding's identity without line numbers (rule, file, function, touch and origin with
// ":<digits>" removed): the same across runs and code moves; SARIF fingerprints and
// `dcalias check` (new findings of a patch) use it.
std::string stableKey(const Finding &F);

// What the finding is, in the words every report uses: "kernel write to a page through the
// linear mapping without flush_dcache_folio() on every path" (or "read of").
std::string summary(const Finding &F);

} // namespace dcalias::daxlint
