#include "report/PatchOutput.h"

#include "report/JsonHeader.h"

#include "patchgen/Cover.h"
#include "patchgen/Diff.h"
#include "support/Diagnostics.h"
#include "support/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace dcalias::report {

void writeMbox(llvm::raw_ostream &OS, const patchgen::SeriesOptions &O, const patchgen::Series &S) {
  unsigned M = S.Patches.size();
  if (S.Cover)
    OS << patchgen::formatCover(O, S);
  for (unsigned I = 0; I < M; ++I)
    OS << patchgen::formatPatch(O, I + 1, M, S.Patches[I]);
}

llvm::Expected<std::vector<std::string>> writePatchFiles(const std::string &Dir,
                                                         const patchgen::SeriesOptions &O,
                                                         const patchgen::Series &S) {
  if (std::error_code E = llvm::sys::fs::create_directories(Dir))
    return makeLocatedError({Dir, 0, 0}, E.message());
  std::vector<std::string> Paths;
  unsigned M = S.Patches.size();
  if (S.Cover) {
    std::string Path = Dir + "/0000-cover-letter.patch";
    if (llvm::Error E = writeOutput(Path, [&](llvm::raw_ostream &OS) {
          OS << patchgen::formatCover(O, S);
          return llvm::Error::success();
        }))
      return E;
    Paths.push_back(std::move(Path));
  }
  for (unsigned I = 0; I < M; ++I) {
    std::string Path = Dir + "/" + patchgen::patchFileName(I + 1, S.Patches[I]);
    if (llvm::Error E = writeOutput(Path, [&](llvm::raw_ostream &OS) {
          OS << patchgen::formatPatch(O, I + 1, M, S.Patches[I]);
          return llvm::Error::success();
        }))
      return E;
    Paths.push_back(std::move(Path));
  }
  return Paths;
}

void writePatchJson(llvm::raw_ostream &OS, const std::string &TreeName, const std::string &Style,
                    const patchgen::Series &S, const std::vector<patchgen::Verified> *Verified) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  writeJsonHeader(J, "dcalias-patch/1");
  J.attribute("tree", TreeName);
  J.attribute("style", Style);
  if (S.Cover)
    J.attribute("cover_letter", "0000-cover-letter.patch");
  J.attributeArray("patches", [&] {
    for (unsigned I = 0; I < S.Patches.size(); ++I) {
      const patchgen::Patch &P = S.Patches[I];
      J.objectBegin();
      J.attribute("file", patchgen::patchFileName(I + 1, P));
      J.attribute("subject", P.Subject);
      if (!P.Arch.empty())
        J.attribute("arch", P.Arch);
      if (!P.Select.empty())
        J.attribute("select", P.Select);
      J.attributeArray("to", [&] {
        for (const std::string &A : P.To)
          J.value(A);
      });
      J.attributeArray("cc", [&] {
        for (const std::string &A : P.Cc)
          J.value(A);
      });
      unsigned Ins = 0, Del = 0;
      J.attributeArray("files", [&] {
        for (const patchgen::FileChange &C : P.Changes) {
          J.value(C.Path);
          for (const patchgen::Edit &E : C.Edits) {
            Ins += E.Add.size();
            Del += E.Remove;
          }
        }
      });
      J.attribute("insertions", int64_t(Ins));
      J.attribute("deletions", int64_t(Del));
      J.objectEnd();
    }
  });
  J.attributeArray("not_patched", [&] {
    for (const std::string &Sk : S.Skipped)
      J.value(Sk);
  });
  if (Verified)
    J.attributeArray("verify", [&] {
      for (const patchgen::Verified &V : *Verified) {
        J.objectBegin();
        J.attribute("arch", V.Arch);
        J.attribute("rows", int64_t(V.Rows));
        J.attribute("matching", int64_t(V.Matching));
        J.attribute("status", V.Status);
        J.attributeArray("differences", [&] {
          for (const std::string &D : V.Differences)
            J.value(D);
        });
        if (V.Defconfigs)
          J.attributeObject("select", [&] {
            J.attribute("defconfigs", int64_t(V.Defconfigs));
            J.attribute("selected", int64_t(V.Selected));
            J.attribute("status", V.SelectStatus);
            J.attributeArray("differences", [&] {
              for (const std::string &D : V.SelectDifferences)
                J.value(D);
            });
          });
        J.objectEnd();
      }
    });
  J.objectEnd();
  OS << "\n";
}

void writeVerifyText(llvm::raw_ostream &OS, const std::vector<patchgen::Verified> &Verified) {
  for (const patchgen::Verified &V : Verified) {
    OS << llvm::formatv("verify {0}: {1} of {2} CPU-type rows fold as the model says ({3})\n", V.Arch,
                        V.Matching, V.Rows,
                        V.Status == "mismatch"     ? "MISMATCH"
                        : V.Status == "unverified" ? "UNVERIFIED rows: the header does not parse for Clang's stand-in target"
                                                   : "ok");
    for (const std::string &D : V.Differences)
      OS << "  " << D << "\n";
    if (V.Defconfigs && V.SelectStatus == "conservative")
      OS << llvm::formatv("verify {0}: select condition holds on {1} of {2} defconfigs, every one whose "
                          "audit is not never and {3} whose audit is never (conservative)\n",
                          V.Arch, V.Selected, V.Defconfigs, V.SelectDifferences.size());
    else if (V.Defconfigs)
      OS << llvm::formatv("verify {0}: select condition holds on {1} of {2} defconfigs, exactly those "
                          "whose audit is not never ({3})\n",
                          V.Arch, V.Selected, V.Defconfigs, V.SelectStatus == "ok" ? "ok" : "MISMATCH");
    for (const std::string &D : V.SelectDifferences)
      OS << "  " << D << "\n";
  }
}

} // namespace dcalias::report
