// support/Stack.h: work whose recursion depth the input bounds runs on a stack sized for it.
//
// The Kconfig parser and every walk of an expression recurse once per nesting level. The
// parser bounds that nesting where conf's does (10000 levels of an expression, 5000 of
// blocks; Parser.cpp), and chains of one operator are balanced, so a graph's depth is at most
// some 15000 levels: more than a default 8 MiB thread stack holds, well within this one. The
// stack is reserved address space; only the pages a deep input touches are ever used.
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/thread.h"

#include <optional>

namespace dcalias {

// An optional, as llvm::thread's constructor wants: a plain unsigned would be taken for the
// thread's function by its variadic overload.
inline constexpr std::optional<unsigned> DeepWorkStackBytes = 256u << 20;

// Runs Fn to completion on a thread with that stack.
inline void runOnDeepStack(llvm::function_ref<void()> Fn) {
  llvm::thread T(DeepWorkStackBytes, [Fn] { Fn(); });
  T.join();
}

} // namespace dcalias
