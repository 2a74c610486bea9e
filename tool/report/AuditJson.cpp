#include "report/AuditJson.h"

#include "report/JsonHeader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

namespace dcalias::report {

namespace {

void location(llvm::json::OStream &J, const kconfig::KLoc &L) {
  J.objectBegin();
  J.attribute("file", L.File ? *L.File : "");
  J.attribute("line", L.Line);
  J.objectEnd();
}

void cpu(llvm::json::OStream &J, const archmodel::CpuVerdict &V, bool HasExisting, bool HasICache = false) {
  J.objectBegin();
  J.attribute("name", V.Name);
  if (V.Defined.File) {
    J.attributeBegin("defined_at");
    location(J, V.Defined);
    J.attributeEnd();
  }
  J.attribute("alias", archmodel::aliasName(V.Result));
  J.attribute("probe", V.Probe);
  if (!V.DefineValue.empty())
    J.attribute("arch_define", V.DefineValue);
  J.attributeArray("runtime_reads", [&] {
    for (const std::string &L : V.Loads)
      J.value(L);
  });
  J.attributeArray("definitions", [&] {
    for (const std::string &D : V.Definitions)
      J.value(D);
  });
  J.attributeArray("select_chain", [&] {
    for (const std::string &S : V.Selects)
      J.value(S);
  });
  if (!V.Error.empty())
    J.attribute("error", V.Error);
  if (!V.Overruled.empty())
    J.attribute("overruled", V.Overruled);
  if (!V.Unreachable.empty())
    J.attribute("unreachable", V.Unreachable);
  if (!V.AlsoChecked.empty())
    J.attributeArray("also_checked", [&] {
      for (const std::string &N : V.AlsoChecked)
        J.value(N);
    });
  if (!V.Notes.empty())
    J.attributeArray("notes", [&] {
      for (const std::string &N : V.Notes)
        J.value(N);
    });
  if (HasExisting)
    J.attribute("tree_alias", archmodel::aliasName(V.Existing));
  if (HasICache)
    J.attribute("tree_icache_alias", archmodel::aliasName(V.ExistingICache));
  J.objectEnd();
}

} // namespace

void writeAuditJson(llvm::raw_ostream &OS, const AuditRun &Run) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  writeJsonHeader(J, "dcalias-audit/1");
  writeTreeObject(J, Run.TreeName, Run.KernelVersion);
  J.attributeArray("arches", [&] {
    for (const archmodel::ArchAudit &A : Run.Arches) {
      J.objectBegin();
      J.attribute("arch", A.Arch);
      J.attribute("verdict", archmodel::verdictName(A.Result));
      J.attribute("predicate", A.Expr);
      J.attribute("generic_evidence_only", A.Generic);
      if (A.HasExisting)
        J.attributeObject("tree_predicate", [&] {
          J.attribute("name", "cpu_dcache_is_aliasing()");
          J.attribute("comparison", A.Comparison);
          J.attribute("evidence", A.ExistingCite);
          if (A.HasICache)
            J.attributeObject("icache", [&] {
              J.attribute("name", "cpu_icache_is_aliasing()");
              J.attribute("defined_by_arch", A.ArchDefinesICache);
              J.attribute("evidence", A.ICacheCite);
            });
        });
      if (A.Result == archmodel::Verdict::Static || A.Result == archmodel::Verdict::Dynamic)
        J.attributeObject("select", [&] {
          J.attribute("symbol", A.Result == archmodel::Verdict::Dynamic ? "ARCH_HAS_CACHE_ALIASING_DYNAMIC"
                                                                         : "ARCH_HAS_CACHE_ALIASING");
          std::vector<std::string> Cond = archmodel::aliasingCondition(A);
          J.attribute("condition", llvm::join(Cond, " || "));
        });
      J.attributeArray("dax_reachability", [&] {
        for (const kconfig::Reach &R : A.Dax) {
          J.objectBegin();
          J.attribute("symbol", R.Symbol);
          J.attribute("defined", R.Exists);
          J.attribute("enabled_in_some_configuration", R.Enabled);
          if (!R.Blocker.empty())
            J.attribute("blocked_by", R.Blocker);
          J.objectEnd();
        }
      });
      J.attributeArray("evidence", [&] {
        for (const std::string *E : {&A.ExprCite, &A.DefineCite, &A.CpuCite})
          if (!E->empty())
            J.value(*E);
      });
      J.attributeArray("cpu_types", [&] {
        for (const archmodel::CpuVerdict &V : A.Cpus)
          cpu(J, V, A.HasExisting, A.HasICache);
      });
      if (!A.Combined.Name.empty()) {
        J.attributeBegin("combined");
        cpu(J, A.Combined, A.HasExisting, A.HasICache);
        J.attributeEnd();
      }
      J.objectEnd();
    }
  });
  J.objectEnd();
  OS << "\n";
}

void writeConfigAuditJson(llvm::raw_ostream &OS, const ConfigRun &Run) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  writeJsonHeader(J, "dcalias-audit-config/1");
  writeTreeObject(J, Run.TreeName, Run.KernelVersion);
  J.attributeArray("configurations", [&] {
    for (const ConfigRun::Entry &E : Run.Configurations)
      J.object([&] {
        J.attribute("arch", E.Audit.Arch);
        J.attribute("configuration", E.Audit.Label);
        if (!E.DefineName.empty())
          J.attribute("arch_define_name", E.DefineName);
        J.attributeBegin("result");
        cpu(J, E.Audit.Result, /*HasExisting=*/false);
        J.attributeEnd();
        J.attributeArray("cpu_types_enabled", [&] {
          for (const std::string &T : E.Audit.CpuTypes)
            J.value(T);
        });
      });
  });
  J.objectEnd();
  OS << "\n";
}

} // namespace dcalias::report
