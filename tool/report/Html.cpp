#include "report/Html.h"

#include "support/Version.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>

namespace dcalias::report {

namespace {

std::string esc(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    default: Out += C;
    }
  }
  return Out;
}

const char *cls(archmodel::Alias A) {
  switch (A) {
  case archmodel::Alias::Never: return "never";
  case archmodel::Alias::Always: return "always";
  case archmodel::Alias::Runtime: return "runtime";
  case archmodel::Alias::Unknown: return "unknown";
  case archmodel::Alias::Unreachable: return "unreachable";
  }
  return "unknown";
}

const char *Style = R"(body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f4f4f4;text-align:left}
.cells{display:flex;flex-wrap:wrap;gap:2px}
.cell{font:12px monospace;white-space:nowrap;padding:2px 5px;border:1px solid #bbb}.cell a{color:inherit;text-decoration:none}
.never{background:#cdeccd}.always{background:#f6c6c6}.runtime{background:#fde3b0}.unknown{background:#ddd}.unreachable{background:#eee;color:#666}
.none{color:#256d25}.static{color:#a11}.dynamic{color:#a65d00}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccc}
pre{background:#f8f8f8;padding:8px;overflow-x:auto;font-size:12px}
details{margin:4px 0}summary{cursor:pointer}
.ev{margin-left:1em;font:12px monospace}
)";

} // namespace

void writeHtml(llvm::raw_ostream &OS, const HtmlInput &In) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>dcalias report: "
     << esc(In.TreeName) << "</title>\n<style>" << Style << "</style></head><body>\n";
  OS << "<h1>dcalias report: " << esc(In.TreeName) << " (Linux " << esc(In.KernelVersion) << ")</h1>\n";
  OS << "<p>dcalias " << DCALIAS_VERSION
     << ". Can the data cache alias, per architecture and CPU type; DAX paths touching pages through the"
        " linear mapping; the patch series derived from the model.</p>\n";
  OS << "<p class=\"legend\"><span class=\"never\">never</span><span class=\"always\">always</span>"
        "<span class=\"runtime\">run-time</span><span class=\"unknown\">unknown</span>"
        "<span class=\"unreachable\">unreachable (no configuration enables it)</span></p>\n";

  // The matrix: one row per arch, one cell per CPU type (and the combined image).
  OS << "<h2 id=\"matrix\">Arch &times; CPU type</h2>\n<table id=\"matrix-table\">\n"
        "<tr><th>arch</th><th>verdict</th><th>CPU types</th></tr>\n";
  for (const archmodel::ArchModel &M : In.Arches) {
    const archmodel::ArchAudit &A = M.Audit;
    OS << "<tr><th>" << esc(A.Arch) << "</th><td class=\"" << archmodel::verdictName(A.Result) << "\">"
       << archmodel::verdictName(A.Result) << (M.Generic ? " (generic evidence)" : "") << "</td><td>\n";
    OS << "<div class=\"cells\">";
    auto cell = [&](const archmodel::CpuVerdict &V, size_t I) {
      OS << "<div class=\"cell " << cls(V.Result) << "\" data-arch=\"" << esc(A.Arch) << "\" data-cpu=\""
         << esc(V.Name) << "\"><a href=\"#ev-" << esc(A.Arch) << "-" << I << "\">" << esc(V.Name) << "<br>"
         << archmodel::aliasName(V.Result) << "</a></div>";
    };
    for (size_t I = 0; I < A.Cpus.size(); ++I)
      cell(A.Cpus[I], I);
    if (!A.Combined.Name.empty())
      cell(A.Combined, A.Cpus.size());
    OS << "</div></td></tr>\n";
  }
  OS << "</table>\n";

  // Per arch: verdict, predicate, reachability, then each row's evidence.
  OS << "<h2 id=\"evidence\">Evidence</h2>\n";
  for (const archmodel::ArchModel &M : In.Arches) {
    const archmodel::ArchAudit &A = M.Audit;
    OS << "<h3 id=\"arch-" << esc(A.Arch) << "\">" << esc(A.Arch) << ": <span class=\""
       << archmodel::verdictName(A.Result) << "\">" << archmodel::verdictName(A.Result) << "</span></h3>\n";
    OS << "<p>predicate: <code>" << esc(A.Expr) << "</code></p>\n<p class=\"ev\">" << esc(A.ExprCite);
    if (!A.CpuCite.empty())
      OS << "<br>CPU types: " << esc(A.CpuCite);
    if (!A.DefineCite.empty())
      OS << "<br>" << esc(A.DefineCite);
    OS << "</p>\n";
    if (A.HasExisting)
      OS << "<p>tree's cpu_dcache_is_aliasing(): <b>" << esc(A.Comparison) << "</b></p>\n";
    if (!A.Dax.empty()) {
      OS << "<p>DAX reachable:";
      for (const kconfig::Reach &R : A.Dax)
        OS << " " << esc(R.Symbol) << "=" << (!R.Exists ? "undefined" : R.Enabled ? "yes" : "no");
      OS << "</p>\n";
      for (const kconfig::Reach &R : A.Dax)
        if (R.Exists && !R.Enabled)
          OS << "<p class=\"ev\">" << esc(R.Symbol) << " blocked: " << esc(R.Blocker) << "</p>\n";
    }
    auto row = [&](const archmodel::CpuVerdict &V, size_t I) {
      OS << "<details id=\"ev-" << esc(A.Arch) << "-" << I << "\"><summary><span class=\"" << cls(V.Result)
         << "\">" << esc(V.Name) << ": " << archmodel::aliasName(V.Result) << "</span></summary><div class=\"ev\">";
      if (V.Defined.File)
        OS << "defined at " << esc(V.Defined.str()) << "<br>";
      OS << "probe: " << esc(V.Probe) << "<br>";
      if (!V.DefineValue.empty())
        OS << "arch define: " << esc(V.DefineValue) << "<br>";
      for (const std::string &L : V.Loads)
        OS << "reads " << esc(L) << "<br>";
      for (const std::string &S : V.Selects)
        OS << "select " << esc(S) << "<br>";
      for (const std::string &D : V.Definitions)
        OS << "defined " << esc(D) << "<br>";
      for (const std::string &N : V.Notes)
        OS << "note: " << esc(N) << "<br>";
      if (!V.Overruled.empty())
        OS << esc(V.Overruled) << "<br>";
      if (!V.Unreachable.empty())
        OS << esc(V.Unreachable) << "<br>";
      for (const std::string &N : V.AlsoChecked)
        OS << esc(N) << "<br>";
      if (!V.Error.empty())
        OS << "<pre>" << esc(V.Error) << "</pre>";
      OS << "</div></details>\n";
    };
    for (size_t I = 0; I < A.Cpus.size(); ++I)
      row(A.Cpus[I], I);
    if (!A.Combined.Name.empty())
      row(A.Combined, A.Cpus.size());
  }

  OS << "<h2 id=\"lint\">DAX lint</h2>\n";
  if (!In.HaveLint) {
    OS << "<p>No lint report given (<code>dcalias report --lint-json</code>).</p>\n";
  } else {
    OS << "<p>" << In.Lint.size() << " finding(s).</p>\n<table id=\"lint-table\"><tr><th>location</th><th>rule</th>"
          "<th>touch</th><th>address</th><th>call chain</th></tr>\n";
    for (const daxlint::Finding &F : In.Lint) {
      OS << "<tr><td><code>" << esc(F.At.File + ":" + std::to_string(F.At.Line)) << "</code></td><td>"
         << esc(F.RuleId) << "</td><td>" << esc(F.Touch)
         << "</td><td>" << esc(F.Origin) << "</td><td>";
      for (size_t I = 0; I < F.Chain.size(); ++I)
        OS << (I ? " &rarr; " : "") << esc(F.Chain[I]);
      OS << "</td></tr>\n";
    }
    OS << "</table>\n";
  }

  size_t Cover = std::count_if(In.Series.begin(), In.Series.end(),
                               [](const auto &P) { return llvm::StringRef(P.Name).ends_with("-cover-letter.patch"); });
  OS << "<h2 id=\"series\">Patch series</h2>\n<p>" << In.Series.size() - Cover << " patch(es)"
     << (Cover ? " and a cover letter" : "") << ".</p>\n";
  for (const HtmlPatch &P : In.Series)
    OS << "<details class=\"patch\"><summary>" << esc(P.Name) << "</summary><pre>" << esc(P.Text)
       << "</pre></details>\n";
  OS << "</body></html>\n";
}

} // namespace dcalias::report
