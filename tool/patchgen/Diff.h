// patchgen/Diff.h: unified diffs of in-memory edits, as git format-patch writes them.
//
// Contract: an edit replaces Remove lines at a 0-based line of the original file by Add lines
// (Remove 0: a pure insertion before that line). Edits of one file must not overlap. The diff
// has three lines of context, hunks closer than that merge, headers count lines exactly. A
// new file diffs against /dev/null. Nothing here touches the file system.
#pragma once

#include <string>
#include <vector>

namespace dcalias::patchgen {

struct Edit {
  unsigned Line = 0;   // 0-based index in the original
  unsigned Remove = 0; // original lines replaced
  std::vector<std::string> Add;
};

struct FileChange {
  std::string Path;                   // tree-relative
  bool NewFile = false;
  std::vector<std::string> Original;  // lines without '\n' (empty for a new file)
  std::vector<Edit> Edits;
};

// "diff --git a/P b/P" ... for one file; empty when there is nothing to change.
std::string unifiedDiff(const FileChange &C);
// The file's text after its edits (lines joined with '\n', final newline).
std::string applied(const FileChange &C);
// " path | N +-" lines and the summary, as git's --stat with --summary.
std::string diffStat(const std::vector<FileChange> &Changes);

std::vector<std::string> splitLines(const std::string &Text);

} // namespace dcalias::patchgen
