// kconfig/Evaluate.h: many configurations of one architecture, evaluated as conf would one
// after the other, on one graph or spread over threads.
//
// Contract: the results are those of evaluating the jobs in order on one graph (reset()
// between them); with Threads > 1 each thread gets a graph of its own, loaded with the first
// graph's $(shell,...) results and toolchain facts (no command runs twice), and the results
// come back in job order, so output written from them is the same whatever the thread count.
#pragma once

#include "kconfig/Defconfig.h"
#include "kconfig/Kconfig.h"

#include <optional>
#include <string>
#include <vector>

namespace dcalias::kconfig {

struct EvalJob {
  std::string Label;  // the .config's name in an output directory
  DefconfigInput In;  // what conf reads (Read), else the mode alone decides
  bool Read = false;
};

struct EvalResult {
  std::string Config;                // the .config text
  std::vector<std::string> Warnings; // conf's unmet-dependency warnings
  std::string ChangedInput;          // KCONFIG_WARN_CHANGED_INPUT's list, if enabled
  DiagList Diags;                    // what reading the input said
  std::optional<std::string> Error;  // the job failed (the others still ran)
};

// One job on K: the input read with conf_read semantics and Mode applied, or the mode alone.
llvm::Expected<std::string> evaluateJob(Kconfig &K, const EvalJob &J, Mode M, DiagList &Diags);

// Every job; K is the graph loaded with O (it evaluates the first thread's share).
std::vector<EvalResult> evaluateAll(FileCache &Files, const LoadOptions &O, Kconfig &K,
                                    const std::vector<EvalJob> &Jobs, Mode M, unsigned Threads);

} // namespace dcalias::kconfig
