// kconfig/Macro.h: the Kconfig macro language (scripts/kconfig/preprocess.c semantics).
//
// Variables (recursive '=', simple ':=', append '+='), user-defined functions called as
// $(name,arg,...) with $(1)..$(N), the built-ins error-if, filename, info, lineno, shell and
// warning-if, and environment variables as the last resort.
//
// $(shell,...) is code from the analysed tree. It runs only when ShellPolicy::Run is chosen;
// otherwise its result comes from a recorded profile, or is empty and counted as not run.
// Each distinct command runs at most once per MacroEnv. ShellPolicy::Collect runs nothing and
// only records the commands met (with empty results), so that a first pass can learn which
// commands a load will need and run them concurrently (Options::Prefetched) before the real one.
#pragma once

#include "support/Diagnostics.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dcalias::kconfig {

enum class ShellPolicy { Never, Run, Collect };

struct ShellRecord {
  std::string Command, Output;
  bool Ran = false;        // executed by us
  bool FromProfile = false;
};

class MacroEnv {
public:
  struct Options {
    ShellPolicy Shell = ShellPolicy::Never;
    std::map<std::string, std::string> Env;     // environment as Kbuild exports it
    std::map<std::string, std::string> Profile; // recorded $(shell,...) results
    std::map<std::string, std::string> Prefetched; // already run in this invocation
    bool InheritProcessEnv = false;             // fall back to getenv() for unknown names
  };
  explicit MacroEnv(Options O) : Opts(std::move(O)) {}

  // Where expansion happens, for $(filename), $(lineno) and diagnostics.
  void setLocation(const std::string &File, unsigned Line) {
    CurFile = File;
    CurLine = Line;
  }
  void assign(const std::string &Name, const std::string &Value, int Flavor /*0 = 1 := 2 +=*/);
  std::string expand(const std::string &In); // expand a whole string
  void clearVariables() { Vars.clear(); }

  bool failed() const { return Failed; }
  ShellPolicy shellPolicy() const { return Opts.Shell; }
  DiagList &diags() { return Diags; }
  const std::map<std::string, ShellRecord> &shellCalls() const { return Shell; }
  std::vector<std::string> InfoLines; // $(info,...) output, in order
  const std::map<std::string, std::string> &referencedEnv() const { return UsedEnv; }

private:
  struct Var {
    std::string Value;
    bool Recursive = true;
    int ExpCount = 0;
  };
  Options Opts;
  std::map<std::string, Var> Vars;
  std::map<std::string, ShellRecord> Shell;
  std::map<std::string, std::string> UsedEnv;
  std::string CurFile;
  unsigned CurLine = 0;
  DiagList Diags;
  bool Failed = false;
  // $( references open around the one being expanded. conf has no bound (and overflows its
  // stack some way past 10000); this one matches its bound on recursive expansion, and keeps
  // the cost of rescanning each level's text (linear per level) from growing with the depth.
  static constexpr unsigned MaxReferenceNesting = 1000;
  unsigned ReferenceNesting = 0;

  void fail(const std::string &Msg);
  std::string expandWithArgs(const std::string &In, const std::vector<std::string> &Args);
  std::string expandDollar(const std::string &S, size_t &P, const std::vector<std::string> &Args);
  std::string evalClause(const std::string &Clause, const std::vector<std::string> &Args);
  std::string runShell(const std::string &Cmd);
};

} // namespace dcalias::kconfig
