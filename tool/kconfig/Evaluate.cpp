// Evaluate: the configurations of one architecture, in order or over threads (Evaluate.h).
#include "kconfig/Evaluate.h"
#include "support/Stack.h"

#include <thread>

namespace dcalias::kconfig {

llvm::Expected<std::string> evaluateJob(Kconfig &K, const EvalJob &J, Mode M, DiagList &Diags) {
  if (J.Read)
    return evaluateInput(K, J.In, M, Diags);
  K.reset();
  K.applyMode(M);
  return K.writeConfig();
}

std::vector<EvalResult> evaluateAll(FileCache &Files, const LoadOptions &O, Kconfig &K,
                                    const std::vector<EvalJob> &Jobs, Mode M, unsigned Threads) {
  std::vector<EvalResult> Results(Jobs.size());
  Threads = std::max(1u, std::min<unsigned>(Threads, Jobs.size()));
  // The other graphs load with what the first one's load ran or computed: its $(shell,...)
  // results and the toolchain facts the top Makefile exports.
  LoadOptions More = O;
  for (auto &[Cmd, R] : K.macros().shellCalls())
    if (R.Ran)
      More.Macros.Prefetched.emplace(Cmd, R.Output);
  for (auto &[Name, Value] : K.macros().referencedEnv())
    More.Macros.Env.emplace(Name, Value);
  auto work = [&](unsigned T) {
    std::unique_ptr<Kconfig> Own;
    Kconfig *G = &K;
    if (T) {
      DiagList Ignored; // the first load reported what the tree says
      auto L = Kconfig::load(Files, More, Ignored);
      if (!L) {
        std::string Msg = llvm::toString(L.takeError());
        for (size_t J = T; J < Jobs.size(); J += Threads)
          Results[J].Error = Msg;
        return;
      }
      Own = std::move(*L);
      G = Own.get();
      G->setWarnChangedInput(K.warnsChangedInput());
    }
    for (size_t J = T; J < Jobs.size(); J += Threads) {
      EvalResult &R = Results[J];
      auto C = evaluateJob(*G, Jobs[J], M, R.Diags);
      if (!C) {
        R.Error = llvm::toString(C.takeError());
        continue;
      }
      R.Config = std::move(*C);
      R.Warnings = G->unmetDependencyWarnings();
      R.ChangedInput = G->changedInputWarning();
    }
  };
  std::vector<llvm::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back(DeepWorkStackBytes, work, T);
  work(0);
  for (llvm::thread &Th : Pool)
    Th.join();
  return Results;
}

} // namespace dcalias::kconfig
