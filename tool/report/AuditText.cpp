// AuditText: the audit table (see AuditText.h).
#include "report/AuditText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace dcalias::report {

static bool isDigit(char C) { return C >= '0' && C <= '9'; }

// The table fits a 100-column terminal: a longer line is wrapped at spaces, its continuation
// indented four columns deeper than the line. Compiler diagnostics (--evidence) keep their
// lines, as Clang printed them.
std::string fitColumns(StringRef Text, size_t Width) {
  std::string Out;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t N = 0; N < Lines.size(); ++N) {
    StringRef L = Lines[N];
    StringRef T = L.ltrim();
    bool TableNote = T.starts_with("note: ") || T.starts_with("not checked: ") ||
                     T.starts_with("points the other way: ") || T.starts_with("agrees: ");
    bool Diagnostic = (!TableNote && (L.contains(": error: ") || L.contains(": note: "))) ||
                      L.contains("In file included") ||
                      L.ltrim().starts_with("|") || (L.size() > 7 && L.ltrim().take_while(isDigit).size() > 0 &&
                                                     L.ltrim().drop_while(isDigit).starts_with(" |"));
    if (L.size() <= Width || Diagnostic) {
      Out += L.str();
    } else {
      // Break at the last space that fits, keeping the line's own spacing (table columns).
      std::string Indent(L.size() - L.ltrim(' ').size() + 4, ' ');
      std::string Rest = L.str();
      size_t MinBreak = L.size() - L.ltrim(' ').size() + 1;
      while (Rest.size() > Width) {
        size_t Cut = Rest.rfind(' ', Width);
        if (Cut == std::string::npos || Cut < MinBreak)
          Cut = Rest.find(' ', Width);
        if (Cut == std::string::npos)
          break;
        size_t End = Cut;
        while (End > 0 && Rest[End - 1] == ' ')
          --End;
        Out += Rest.substr(0, End) + "\n";
        size_t Next = Rest.find_first_not_of(' ', Cut);
        Rest = Indent + (Next == std::string::npos ? "" : Rest.substr(Next));
        MinBreak = Indent.size() + 1;
      }
      Out += Rest;
    }
    if (N + 1 < Lines.size())
      Out += "\n";
  }
  return Out;
}

static std::string trimLines(StringRef Text);

static void writeArch(raw_ostream &Out, const archmodel::ArchAudit &A, const AuditTextOptions &O) {
  Out << formatv("{0,-10} {1,-9} predicate: {2}{3}\n", A.Arch, archmodel::verdictName(A.Result),
                 A.Expr, A.Generic ? "   (generic evidence only: no arch rule)" : "");
  if (O.Evidence) {
    Out << "           evidence: " << A.ExprCite << "\n";
    if (!A.DefineCite.empty())
      Out << "                     " << A.DefineCite << "\n";
    Out << "           CPU types: " << A.CpuCite << "\n";
    if (A.Result == archmodel::Verdict::Static || A.Result == archmodel::Verdict::Dynamic) {
      std::vector<std::string> Cond = archmodel::aliasingCondition(A);
      Out << "           Kconfig: select ARCH_HAS_CACHE_ALIASING"
          << (A.Result == archmodel::Verdict::Dynamic ? "_DYNAMIC" : "")
          << (Cond.empty() ? std::string(" (unconditional)") : " if " + llvm::join(Cond, " || ")) << "\n";
    }
    if (A.HasExisting)
      Out << "           tree's cpu_dcache_is_aliasing(): " << A.Comparison << " (" << A.ExistingCite
          << ")\n";
    if (A.HasICache)
      Out << "           tree's cpu_icache_is_aliasing(): " << A.ICacheCite << "\n";
    if (!A.Dax.empty()) {
      Out << "           DAX reachable (SAT over Kconfig):";
      for (const kconfig::Reach &R : A.Dax)
        Out << " " << R.Symbol << "=" << (!R.Exists ? "undefined" : R.Enabled ? "yes" : "no");
      Out << "\n";
      for (const kconfig::Reach &R : A.Dax)
        if (R.Exists && !R.Enabled)
          Out << "             " << R.Symbol << " blocked: " << R.Blocker << "\n";
    }
  }
  auto row = [&](const archmodel::CpuVerdict &V) {
    std::string Extra;
    if (!V.DefineValue.empty())
      Extra += "arch " + V.DefineValue;
    if (!V.Loads.empty()) {
      Extra += Extra.empty() ? "" : "; ";
      Extra += "reads";
      for (auto &L : V.Loads)
        Extra += " " + L;
    }
    if (!V.Overruled.empty()) {
      Extra += Extra.empty() ? "" : "; ";
      Extra += "overruled: no alias work";
    }
    if (A.HasExisting) {
      Extra += Extra.empty() ? "" : "; ";
      Extra += std::string("tree: ") + archmodel::aliasName(V.Existing);
      if (A.ArchDefinesICache)
        Extra += std::string(", I-cache ") + archmodel::aliasName(V.ExistingICache);
    }
    Out << formatv("  {0,-20} {1,-11} {2,-28} {3}\n", V.Name, archmodel::aliasName(V.Result),
                   V.Defined.File ? V.Defined.str() : std::string(), Extra);
    if (!O.Evidence)
      return;
    for (auto &N : V.Notes)
      Out << "      note: " << N << "\n";
    if (!V.Overruled.empty())
      Out << "      " << V.Overruled << "\n";
    if (!V.Unreachable.empty())
      Out << "      " << V.Unreachable << "\n";
    for (auto &N : V.AlsoChecked)
      Out << "      " << N << "\n";
    if (!V.Error.empty())
      Out << "      " << V.Error << "\n";
    for (auto &S : V.Selects)
      Out << "      select " << S << "\n";
    for (auto &D : V.Definitions)
      Out << "      defined " << D << "\n";
  };
  for (const auto &V : A.Cpus)
    row(V);
  if (!A.Combined.Name.empty())
    row(A.Combined);
}

void writeAuditText(raw_ostream &OS, const AuditRun &Run, const AuditTextOptions &O) {
  std::string Text;
  raw_string_ostream Out(Text);
  for (const archmodel::ArchAudit &A : Run.Arches)
    writeArch(Out, A, O);
  OS << fitColumns(trimLines(Out.str()));
}

// The columns pad with spaces; no line ends in them.
static std::string trimLines(StringRef Text) {
  std::string Out;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I)
    Out += Lines[I].rtrim(' ').str() + (I + 1 < Lines.size() ? "\n" : "");
  return Out;
}

void writeConfigAuditText(raw_ostream &OS, const archmodel::ConfigAudit &C,
                          const archmodel::CacheRule &Rule) {
  const archmodel::CpuVerdict &V = C.Result;
  const char *Fold = V.Result == archmodel::Alias::Always    ? "constant true"
                     : V.Result == archmodel::Alias::Never   ? "constant false"
                     : V.Result == archmodel::Alias::Runtime ? "run-time"
                                                             : "unknown";
  std::string Text;
  raw_string_ostream Out(Text);
  Out << formatv("{0} {1}: {2}: {3}\n", C.Arch, C.Label, V.Probe.empty() ? "?" : V.Probe, Fold);
  if (!V.DefineValue.empty())
    Out << "  " << Rule.MakeDefine->Define << " = " << V.DefineValue << "\n";
  if (!V.Loads.empty()) {
    Out << "  decided at run time by:";
    for (auto &L : V.Loads)
      Out << " " << L;
    Out << "\n";
  }
  if (!C.CpuTypes.empty()) {
    Out << "  CPU types enabled:";
    for (auto &T : C.CpuTypes)
      Out << " " << T;
    Out << "\n";
  }
  if (!V.Error.empty())
    Out << "  " << V.Error << "\n";
  OS << fitColumns(Out.str());
}

} // namespace dcalias::report
