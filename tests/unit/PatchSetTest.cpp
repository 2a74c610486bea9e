// ci/PatchSet: patches applied in memory, as strictly as git apply reads them.
#include "ci/PatchSet.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <doctest/doctest.h>

#include <fstream>

using namespace dcalias;

namespace {
std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

// The error a patch gives on the scratch tree ("" if it applies).
std::string refusal(const std::string &Tree, const std::string &Patch) {
  auto P = ci::applyPatch(Tree, Patch, "t.diff");
  return P ? std::string() : errorText(P.takeError());
}
} // namespace

namespace {
std::string scratchTree() {
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("dcalias-patchset", Dir));
  llvm::sys::fs::create_directories(Dir + "/fs");
  std::ofstream(std::string(Dir) + "/fs/Kconfig") << "a\nb\nc\nd\ne\nf\ng\n";
  return std::string(Dir);
}
} // namespace

TEST_CASE("patch application: in memory, at the stated line or the nearest offset") {
  std::string Tree = scratchTree();
  // The hunk says line 2 but its context starts at line 3: applied at offset +1, as patch does.
  auto P = ci::applyPatch(Tree,
                          "--- a/fs/Kconfig\n+++ b/fs/Kconfig\n@@ -2,3 +2,4 @@\n c\n d\n+X\n e\n",
                          "t.diff");
  REQUIRE(bool(P));
  const ci::FileState &F = P->Files.at("fs/Kconfig");
  CHECK(F.New == "a\nb\nc\nd\nX\ne\nf\ng\n");
  CHECK(F.Added == std::set<unsigned>{5});
  std::ifstream In(Tree + "/fs/Kconfig");
  std::string OnDisk((std::istreambuf_iterator<char>(In)), {});
  CHECK(OnDisk == "a\nb\nc\nd\ne\nf\ng\n"); // the tree is never written
}

TEST_CASE("patch application: a hunk that does not match is an error naming the input line") {
  std::string Tree = scratchTree();
  auto P = ci::applyPatch(Tree, "--- a/fs/Kconfig\n+++ b/fs/Kconfig\n@@ -1,2 +1,2 @@\n-zzz\n+y\n b\n", "t.diff");
  REQUIRE(!P);
  std::string E = errorText(P.takeError());
  CHECK(E.find("t.diff:3:") == 0);
}

TEST_CASE("patch application: what git apply refuses is refused, located") {
  std::string Tree = scratchTree();
  std::ofstream(Tree + "/outside") << "a\nb\n";
  llvm::sys::fs::create_directories(Tree + "/t");
  llvm::sys::fs::create_link(Tree + "/fs", Tree + "/t/link");
  const std::string H = "--- a/fs/Kconfig\n+++ b/fs/Kconfig\n";
  // A hunk with more lines than its counts: the change would be dropped.
  CHECK(refusal(Tree, H + "@@ -1,2 +1,2 @@\n a\n-b\n+B\n+extra\n c\n") ==
        "t.diff:7: error: corrupt patch at line 7: a hunk line past its hunk's counts");
  // Fewer lines than its counts.
  CHECK(refusal(Tree, H + "@@ -1,3 +1,3 @@\n a\n-b\n+B\n").find("t.diff:6: error: corrupt patch") == 0);
  // "---a/" is no header: the hunk has none.
  CHECK(refusal(Tree, "---a/fs/Kconfig\n+++ b/fs/Kconfig\n@@ -1 +1 @@\n-a\n+A\n") ==
        "t.diff:3: error: patch fragment without header at line 3: @@ -1 +1 @@");
  // Creating a file that exists; headers without hunks; a hunk of no lines.
  CHECK(refusal(Tree, "--- /dev/null\n+++ b/fs/Kconfig\n@@ -0,0 +1 @@\n+x\n") ==
        "t.diff:1: error: fs/Kconfig: already exists in the tree");
  CHECK(refusal(Tree, "diff --git a/fs/Kconfig b/fs/Kconfig\nindex 1..2 100644\n" + H).find("patch with only garbage") !=
        std::string::npos);
  CHECK(refusal(Tree, H + "@@ -1,0 +1,0 @@\n").find("a hunk of no lines") != std::string::npos);
  // Paths that leave the tree, or go through a link.
  CHECK(refusal(Tree, "--- a/../outside\n+++ b/../outside\n@@ -1 +1 @@\n-a\n+A\n") ==
        "t.diff:1: error: invalid path '../outside'");
  CHECK(refusal(Tree, "--- a/t/link/Kconfig\n+++ b/t/link/Kconfig\n@@ -1 +1 @@\n-a\n+A\n") ==
        "t.diff:1: error: affected file 't/link/Kconfig' is beyond a symbolic link");
  // A hunk without trailing context must end the file, as git apply has it.
  CHECK(refusal(Tree, H + "@@ -2,2 +2,2 @@\n b\n-c\n+C\n").find("does not apply") != std::string::npos);
  CHECK(refusal(Tree, H + "@@ -6,2 +6,2 @@\n f\n-g\n+G\n") == "");
  // A series' mail without a diff; its cover letter may have none.
  std::string Cover = "From 0123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 0/1] cover\n\nwords\n\n";
  std::string Mail = "From 0123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 1/1] x\n\nbody\n";
  CHECK(refusal(Tree, Cover + Mail) == "t.diff:6: error: mail '[PATCH 1/1] x' has no diff");
  CHECK(refusal(Tree, Cover + Mail + "---\n" + H + "@@ -1,2 +1,2 @@\n-a\n+A\n b\n") == "");
}

TEST_CASE("patch application: a series sees its own files; renames and deletions") {
  std::string Tree = scratchTree();
  auto P = ci::applyPatch(Tree,
                          "--- /dev/null\n+++ b/fs/New\n@@ -0,0 +1,2 @@\n+x\n+y\n"
                          "--- a/fs/New\n+++ b/fs/New\n@@ -1,2 +1,2 @@\n-x\n+X\n y\n"
                          "diff --git a/fs/Kconfig b/fs/Moved\nsimilarity index 100%\nrename from fs/Kconfig\nrename to fs/Moved\n",
                          "t.diff");
  REQUIRE(bool(P));
  CHECK(P->Files.at("fs/New").New == "X\ny\n");
  CHECK(P->Files.at("fs/Kconfig").Deleted);
  CHECK(P->Files.at("fs/Moved").New == "a\nb\nc\nd\ne\nf\ng\n");
  // A deletion must remove the whole file (its hunk has no trailing context: it must end it).
  CHECK(refusal(Tree, "--- a/fs/Kconfig\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n").find("does not apply") !=
        std::string::npos);
  CHECK(refusal(Tree, "--- a/fs/Kconfig\n+++ /dev/null\n@@ -1,7 +0,0 @@\n-a\n-b\n-c\n-d\n-e\n-f\n-g\n") == "");
}
