// report/PatchOutput.h: the patch series as files or one mbox, its dcalias-patch/1 summary,
// and what --verify found.
//
// Contract: the patch texts are patchgen's (formatPatch); this only places them. Files are
// written atomically (support/Output.h), numbered as git format-patch numbers them.
#pragma once

#include "patchgen/Series.h"
#include "patchgen/Verify.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

// Every patch of S as one mbox on OS.
void writeMbox(llvm::raw_ostream &OS, const patchgen::SeriesOptions &O, const patchgen::Series &S);

// Every patch of S as Dir/NNNN-subject.patch (Dir created); the paths written, in order.
llvm::Expected<std::vector<std::string>> writePatchFiles(const std::string &Dir,
                                                         const patchgen::SeriesOptions &O,
                                                         const patchgen::Series &S);

// The dcalias-patch/1 summary; Verified is null without --verify.
void writePatchJson(llvm::raw_ostream &OS, const std::string &TreeName, const std::string &Style,
                    const patchgen::Series &S, const std::vector<patchgen::Verified> *Verified);

// "verify ARCH: N of M CPU-type rows fold as the model says (ok|MISMATCH|UNVERIFIED ...)" and
// the grouped differences.
void writeVerifyText(llvm::raw_ostream &OS, const std::vector<patchgen::Verified> &Verified);

} // namespace dcalias::report
