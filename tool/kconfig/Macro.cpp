#include "kconfig/Macro.h"
#include "kconfig/Shell.h"

#include <cstdio>
#include <cstdlib>

namespace dcalias::kconfig {

void MacroEnv::fail(const std::string &Msg) {
  if (!Failed)
    Diags.error({CurFile, CurLine, 0}, Msg);
  Failed = true;
}

void MacroEnv::assign(const std::string &Name, const std::string &Value, int Flavor) {
  auto It = Vars.find(Name);
  bool Append = false;
  bool Recursive;
  if (It != Vars.end()) {
    if (Flavor == 2) {
      Append = true;
      Recursive = It->second.Recursive; // += keeps the flavour of a defined variable
    } else {
      Recursive = Flavor == 0;
    }
  } else {
    Recursive = Flavor != 1; // += on an undefined variable is recursive
    It = Vars.emplace(Name, Var{}).first;
  }
  Var &V = It->second;
  V.Recursive = Recursive;
  std::string NewValue = Recursive ? Value : expand(Value);
  if (Append)
    V.Value += " " + NewValue;
  else
    V.Value = NewValue;
}

std::string MacroEnv::expand(const std::string &In) { return expandWithArgs(In, {}); }

std::string MacroEnv::expandWithArgs(const std::string &In, const std::vector<std::string> &Args) {
  std::string Out;
  size_t P = 0;
  while (P < In.size() && !Failed) {
    if (In[P] == '$') {
      ++P;
      Out += expandDollar(In, P, Args);
      continue;
    }
    Out += In[P++];
  }
  return Out;
}

// S[P] is just after a '$'.
std::string MacroEnv::expandDollar(const std::string &S, size_t &P,
                                   const std::vector<std::string> &Args) {
  if (P >= S.size() || S[P] != '(')
    return "$"; // '$' not followed by '(' is literal
  if (ReferenceNesting >= MaxReferenceNesting) {
    fail("references nested more than " + std::to_string(MaxReferenceNesting) + " levels deep");
    P = S.size();
    return "";
  }
  size_t Start = ++P;
  int Nest = 0;
  size_t Q = Start;
  for (; Q < S.size(); ++Q) {
    if (S[Q] == '(')
      ++Nest;
    else if (S[Q] == ')' && Nest-- == 0)
      break;
  }
  if (Q >= S.size()) {
    fail("unterminated reference to '" + S.substr(Start) + "': missing ')'");
    P = S.size();
    return "";
  }
  P = Q + 1;
  ++ReferenceNesting;
  std::string Res = evalClause(S.substr(Start, Q - Start), Args);
  --ReferenceNesting;
  return Res;
}

std::string MacroEnv::evalClause(const std::string &Clause, const std::vector<std::string> &Args) {
  // $(1), $(2): arguments of a user-defined function.
  if (!Clause.empty() && Clause.find_first_not_of("0123456789") == std::string::npos) {
    unsigned long N = std::strtoul(Clause.c_str(), nullptr, 10);
    if (N > 0 && N <= Args.size())
      return Args[N - 1];
  }
  std::vector<std::string> Parts;
  int Nest = 0;
  size_t Prev = 0;
  for (size_t I = 0; I < Clause.size(); ++I) {
    char C = Clause[I];
    if (Nest == 0 && C == ',') {
      Parts.push_back(Clause.substr(Prev, I - Prev));
      Prev = I + 1;
    } else if (C == '(') {
      ++Nest;
    } else if (C == ')') {
      --Nest;
    }
  }
  Parts.push_back(Clause.substr(Prev));
  if (Parts.size() > 16) {
    fail("too many function arguments");
    return "";
  }
  std::string Name = expandWithArgs(Parts[0], Args);
  std::vector<std::string> NewArgs;
  for (size_t I = 1; I < Parts.size(); ++I)
    NewArgs.push_back(expandWithArgs(Parts[I], Args));
  if (Failed)
    return "";

  if (auto It = Vars.find(Name); It != Vars.end()) {
    Var &V = It->second;
    if (NewArgs.empty() && V.ExpCount) {
      fail("Recursive variable '" + Name + "' references itself (eventually)");
      return "";
    }
    if (V.ExpCount > 1000) {
      fail("Too deep recursive expansion");
      return "";
    }
    ++V.ExpCount;
    std::string Value = V.Value; // the map may not move, but the value may be reassigned
    std::string Res = V.Recursive ? expandWithArgs(Value, NewArgs) : Value;
    --Vars[Name].ExpCount;
    return Res;
  }

  struct Builtin {
    const char *Name;
    unsigned Min, Max;
  };
  static const Builtin Builtins[] = {{"error-if", 2, 2}, {"filename", 0, 0}, {"info", 1, 1},
                                     {"lineno", 0, 0},   {"shell", 1, 1},    {"warning-if", 2, 2}};
  for (const Builtin &B : Builtins) {
    if (Name != B.Name)
      continue;
    if (NewArgs.size() < B.Min) {
      fail("too few function arguments passed to '" + Name + "'");
      return "";
    }
    if (NewArgs.size() > B.Max) {
      fail("too many function arguments passed to '" + Name + "'");
      return "";
    }
    if (Name == "error-if") {
      if (NewArgs[0] == "y")
        fail(NewArgs[1]);
      return "";
    }
    if (Name == "filename")
      return CurFile;
    if (Name == "info") {
      InfoLines.push_back(NewArgs[0]);
      return "";
    }
    if (Name == "lineno")
      return std::to_string(CurLine);
    if (Name == "shell")
      return runShell(NewArgs[0]);
    if (Name == "warning-if") {
      if (NewArgs[0] == "y")
        Diags.add(Severity::Echo, {CurFile, CurLine, 0}, NewArgs[1]);
      return "";
    }
  }

  if (NewArgs.empty() && !Name.empty()) {
    if (auto It = Opts.Env.find(Name); It != Opts.Env.end()) {
      UsedEnv[Name] = It->second;
      return It->second;
    }
    if (Opts.InheritProcessEnv) {
      if (const char *E = std::getenv(Name.c_str())) {
        UsedEnv[Name] = E;
        return E;
      }
    }
  }
  return "";
}

std::string MacroEnv::runShell(const std::string &Cmd) {
  if (auto It = Shell.find(Cmd); It != Shell.end())
    return It->second.Output;
  ShellRecord R;
  R.Command = Cmd;
  if (auto It = Opts.Profile.find(Cmd); It != Opts.Profile.end()) {
    R.Output = It->second;
    R.FromProfile = true;
  } else if (auto It = Opts.Prefetched.find(Cmd);
             It != Opts.Prefetched.end() && Opts.Shell != ShellPolicy::Never) {
    R.Output = It->second;
    R.Ran = true;
  } else if (Opts.Shell == ShellPolicy::Run) {
    // Commands see the environment Kbuild exports (Kconfig.include uses $CC in shell code).
    ShellResult SR = runShellCommand(Cmd, Opts.Env);
    if (!SR.Ok)
      fail("cannot run '" + Cmd + "': " + SR.Error);
    R.Output = std::move(SR.Output);
    R.Ran = true;
  }
  Shell.emplace(Cmd, R);
  return R.Output;
}

} // namespace dcalias::kconfig
