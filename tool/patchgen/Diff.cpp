#include "patchgen/Diff.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

namespace dcalias::patchgen {

std::vector<std::string> splitLines(const std::string &Text) {
  std::vector<std::string> Out;
  size_t P = 0;
  while (P < Text.size()) {
    size_t E = Text.find('\n', P);
    if (E == std::string::npos)
      E = Text.size();
    Out.push_back(Text.substr(P, E - P));
    P = E + 1;
  }
  return Out;
}

namespace {
// One line of the edit script: ' ' kept, '-' removed, '+' added, with its original index.
struct Op {
  char Kind;
  unsigned Orig; // index in the original (for '+': the original line it precedes)
  std::string Text;
};

std::vector<Op> script(const FileChange &C) {
  std::vector<Edit> Edits = C.Edits;
  std::stable_sort(Edits.begin(), Edits.end(),
                   [](const Edit &A, const Edit &B) { return A.Line < B.Line; });
  std::vector<Op> Ops;
  unsigned I = 0;
  for (const Edit &E : Edits) {
    for (; I < E.Line && I < C.Original.size(); ++I)
      Ops.push_back({' ', I, C.Original[I]});
    for (unsigned R = 0; R < E.Remove && I < C.Original.size(); ++R, ++I)
      Ops.push_back({'-', I, C.Original[I]});
    for (const std::string &A : E.Add)
      Ops.push_back({'+', I, A});
  }
  for (; I < C.Original.size(); ++I)
    Ops.push_back({' ', I, C.Original[I]});
  return Ops;
}
} // namespace

std::string applied(const FileChange &C) {
  std::string Out;
  for (const Op &O : script(C))
    if (O.Kind != '-')
      Out += O.Text + "\n";
  return Out;
}

std::string unifiedDiff(const FileChange &C) {
  std::vector<Op> Ops = script(C);
  std::vector<size_t> Changed;
  for (size_t I = 0; I < Ops.size(); ++I)
    if (Ops[I].Kind != ' ')
      Changed.push_back(I);
  if (Changed.empty())
    return "";
  std::string Out = "diff --git a/" + C.Path + " b/" + C.Path + "\n";
  if (C.NewFile)
    Out += "new file mode 100644\n--- /dev/null\n";
  else
    Out += "--- a/" + C.Path + "\n";
  Out += "+++ b/" + C.Path + "\n";
  const size_t Ctx = 3;
  size_t K = 0;
  while (K < Changed.size()) {
    size_t Begin = Changed[K] >= Ctx ? Changed[K] - Ctx : 0;
    size_t End = Changed[K];
    // Extend over changes whose context would touch or overlap this hunk's.
    while (K + 1 < Changed.size() && Changed[K + 1] <= End + 2 * Ctx + 1)
      End = Changed[++K];
    ++K;
    End = std::min(Ops.size(), End + Ctx + 1);
    unsigned OldStart = 0, OldLen = 0, NewStart = 0, NewLen = 0;
    // Line numbers: count lines of each side before Begin.
    unsigned OldBefore = 0, NewBefore = 0;
    for (size_t I = 0; I < Begin; ++I) {
      OldBefore += Ops[I].Kind != '+';
      NewBefore += Ops[I].Kind != '-';
    }
    std::string Body;
    for (size_t I = Begin; I < End; ++I) {
      OldLen += Ops[I].Kind != '+';
      NewLen += Ops[I].Kind != '-';
      Body += Ops[I].Kind + Ops[I].Text + "\n";
    }
    OldStart = OldLen ? OldBefore + 1 : OldBefore;
    NewStart = NewLen ? NewBefore + 1 : NewBefore;
    auto Range = [](unsigned S, unsigned L) {
      return L == 1 ? std::to_string(S) : std::to_string(S) + "," + std::to_string(L);
    };
    Out += "@@ -" + Range(OldStart, OldLen) + " +" + Range(NewStart, NewLen) + " @@\n" + Body;
  }
  return Out;
}

std::string diffStat(const std::vector<FileChange> &Changes) {
  std::string Out;
  unsigned Files = 0, Ins = 0, Del = 0;
  size_t Width = 0;
  for (const FileChange &C : Changes)
    Width = std::max(Width, C.Path.size());
  std::string Summary;
  for (const FileChange &C : Changes) {
    unsigned A = 0, D = 0;
    for (const Edit &E : C.Edits) {
      A += E.Add.size();
      D += E.Remove;
    }
    if (!A && !D)
      continue;
    ++Files;
    Ins += A;
    Del += D;
    std::string Padded = C.Path + std::string(Width - C.Path.size(), ' ');
    Out += llvm::formatv(" {0} | {1,3} {2}{3}\n", Padded,
                         A + D, std::string(std::min(A, 60u), '+'), std::string(std::min(D, 60u), '-'));
    if (C.NewFile)
      Summary += " create mode 100644 " + C.Path + "\n";
  }
  Out += llvm::formatv(" {0} file{1} changed", Files, Files == 1 ? "" : "s");
  if (Ins)
    Out += llvm::formatv(", {0} insertion{1}(+)", Ins, Ins == 1 ? "" : "s");
  if (Del)
    Out += llvm::formatv(", {0} deletion{1}(-)", Del, Del == 1 ? "" : "s");
  return Out + "\n" + Summary;
}

} // namespace dcalias::patchgen
