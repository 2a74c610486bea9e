#include "report/Sarif.h"

#include "support/Version.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/SHA256.h"
#include "llvm/ADT/StringExtras.h"

namespace dcalias::report {

std::vector<SarifRule> sarifRules(const std::vector<std::string> &Ids) {
  static const SarifRule All[] = {
#define RULE(Id, Short, Full, Help) {Id, Short, Full, Help},
#include "report/RuleIds.def"
  };
  std::vector<SarifRule> Out;
  for (const std::string &Id : Ids)
    for (const SarifRule &R : All)
      if (R.Id == Id)
        Out.push_back(R);
  return Out;
}


namespace {

// Tree-relative paths are relative references against SRCROOT; absolute ones become file URIs.
void artifact(llvm::json::OStream &J, const std::string &File) {
  J.attributeObject("artifactLocation", [&] {
    if (llvm::StringRef(File).starts_with("/")) {
      J.attribute("uri", "file://" + File);
    } else {
      J.attribute("uri", File);
      J.attribute("uriBaseId", "SRCROOT");
    }
  });
}

void location(llvm::json::OStream &J, const SarifLocation &L, bool WithMessage) {
  J.objectBegin();
  J.attributeObject("physicalLocation", [&] {
    artifact(J, L.File);
    if (L.Line)
      J.attributeObject("region", [&] {
        J.attribute("startLine", int64_t(L.Line));
        if (L.Col)
          J.attribute("startColumn", int64_t(L.Col));
      });
  });
  if (WithMessage && !L.Message.empty())
    J.attributeObject("message", [&] { J.attribute("text", L.Message); });
  J.objectEnd();
}

} // namespace

void writeSarif(llvm::raw_ostream &OS, const std::vector<SarifRule> &Rules,
                const std::vector<SarifResult> &Results, const std::string &SrcRoot,
                const std::vector<SarifLocation> &Failures) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  J.attribute("version", "2.1.0");
  J.attributeArray("runs", [&] {
    J.objectBegin();
    J.attributeObject("tool", [&] {
      J.attributeObject("driver", [&] {
        J.attribute("name", "dcalias");
        J.attribute("version", DCALIAS_VERSION);
        J.attribute("informationUri", "https://example.org/dcalias");
        J.attributeArray("rules", [&] {
          for (const SarifRule &R : Rules) {
            J.objectBegin();
            J.attribute("id", R.Id);
            J.attributeObject("shortDescription", [&] { J.attribute("text", R.Short); });
            J.attributeObject("fullDescription", [&] { J.attribute("text", R.Full); });
            J.attributeObject("help", [&] { J.attribute("text", R.Help); });
            J.objectEnd();
          }
        });
      });
    });
    if (!SrcRoot.empty())
      J.attributeObject("originalUriBaseIds", [&] {
        J.attributeObject("SRCROOT", [&] {
          std::string U = "file://" + SrcRoot;
          if (!llvm::StringRef(U).ends_with("/"))
            U += "/";
          J.attribute("uri", U);
        });
      });
    if (!Failures.empty())
      J.attributeArray("invocations", [&] {
        J.object([&] {
          J.attribute("executionSuccessful", false);
          J.attributeArray("toolExecutionNotifications", [&] {
            for (const SarifLocation &F : Failures)
              J.object([&] {
                J.attribute("level", "error");
                J.attributeObject("message", [&] { J.attribute("text", F.Message); });
                J.attributeArray("locations", [&] { location(J, F, false); });
              });
          });
        });
      });
    J.attributeArray("results", [&] {
      for (const SarifResult &R : Results) {
        J.objectBegin();
        J.attribute("ruleId", R.RuleId);
        int Index = 0;
        for (size_t I = 0; I < Rules.size(); ++I)
          if (Rules[I].Id == R.RuleId)
            Index = int(I);
        J.attribute("ruleIndex", int64_t(Index));
        J.attribute("level", R.Level);
        J.attributeObject("message", [&] { J.attribute("text", R.Message); });
        J.attributeArray("locations", [&] { location(J, R.At, false); });
        if (!R.Related.empty())
          J.attributeArray("relatedLocations", [&] {
            int Id = 1;
            for (const SarifLocation &L : R.Related) {
              if (L.File.empty()) {
                J.objectBegin();
                J.attribute("id", int64_t(Id++));
                J.attributeObject("message", [&] { J.attribute("text", L.Message); });
                J.objectEnd();
                continue;
              }
              location(J, L, true);
            }
          });
        if (!R.Flow.empty())
          J.attributeArray("codeFlows", [&] {
            J.objectBegin();
            J.attributeArray("threadFlows", [&] {
              J.objectBegin();
              J.attributeArray("locations", [&] {
                for (const SarifLocation &L : R.Flow) {
                  J.objectBegin();
                  J.attributeObject("location", [&] {
                    J.attributeObject("physicalLocation", [&] {
                      artifact(J, L.File);
                      if (L.Line)
                        J.attributeObject("region", [&] { J.attribute("startLine", int64_t(L.Line)); });
                    });
                    J.attributeObject("message", [&] { J.attribute("text", L.Message); });
                  });
                  J.objectEnd();
                }
              });
              J.objectEnd();
            });
            J.objectEnd();
          });
        J.attributeObject("partialFingerprints", [&] {
          auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(R.FingerprintSource));
          J.attribute("dcaliasFingerprint/v1", llvm::toHex(Hash, /*LowerCase=*/true).substr(0, 32));
        });
        J.objectEnd();
      }
    });
    J.objectEnd();
  });
  J.objectEnd();
  OS << "\n";
}

} // namespace dcalias::report
