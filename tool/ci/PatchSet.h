// ci/PatchSet.h: a unified diff, git format-patch mail or series, applied in memory.
//
// Contract: parses every file diff of the input ("diff --git", "---"/"+++" headers, hunks),
// in order, and applies them over the tree's files without writing anything: a hunk must
// match its context exactly, at its stated line or, as patch does, at the nearest offset. A
// series applies patch after patch (later hunks see earlier results). The result maps each
// touched tree-relative path to its old text (empty for a new file) and new text, with the
// new-side line numbers that were added. Errors name the input line and the hunk.
#pragma once

#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace dcalias::ci {

struct FileState {
  bool Existed = false, Deleted = false;
  std::string Old, New;       // whole texts
  std::set<unsigned> Added;   // 1-based lines of New that the patch added or changed
};

struct PatchSet {
  std::map<std::string, FileState> Files;
  unsigned Patches = 0; // mails or diffs read
};

// Input is named for messages ("<stdin>" or a path).
llvm::Expected<PatchSet> applyPatch(const std::string &Tree, llvm::StringRef Input,
                                    const std::string &InputName);

// Inputs (paths, "-" for stdin) read (support/Output.h's limits), joined in order and applied;
// errors name the input ("<stdin>", or "<patches>" when there are several).
llvm::Expected<PatchSet> applyPatchFiles(const std::string &Tree, const std::vector<std::string> &Inputs);

} // namespace dcalias::ci
