// patchgen/Series.h: the arch cache model turned into the patch series a maintainer sends.
//
// Contract: from the tree (read only) and the model's per-arch audits, compute in memory a
// git format-patch series in kernel order: (1) the generic Kconfig symbols and the
// cache_is_aliasing() fallback, (2) one patch per arch whose verdict is static or dynamic
// (select line in arch/<arch>/Kconfig at its sorted place, with "if <cond>" where the model's
// aliasing CPU types are Kconfig symbols, and the predicate in asm/cachetype.h, extended or
// created), (3) alloc_dax() refusing where the cache aliases (device-dax exempt), (4) the
// blanket FS_DAX exclusion dropped where the tree has it (a dependency of FS_DAX that needs
// arch symbols to be n). Kconfig files are read through the engine's parser
// (kconfig/Entries.h): the arch's own entry, its selects and FS_DAX's dependencies come with
// their lines, not from string scans. Each commit message states the facts of the rule's
// commit_evidence whose anchor text the tree has, with file:line, and nothing about how they
// were found. Dynamic arches select conditionally too (every CPU type not shown never to
// alias). alloc_dax() refuses only where each caller the recipes name is adapted, and the FS_DAX
// exclusion goes only with it. Recipients come from MAINTAINERS (Maintainers.h), the 0/N
// letter from Cover.h. Arches judged by generic evidence only are not patched (listed instead).
// Errors (an anchor missing from the tree) name the file and what was looked for.
#pragma once

#include "archmodel/Audit.h"
#include "archmodel/Rules.h"
#include "patchgen/Diff.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dcalias::patchgen {

enum class Style { Seed, Upstream };

struct Names {
  std::string Static, Dynamic, Predicate; // Kconfig symbols (Dynamic empty: upstream) and macro
};
Names namesFor(Style S);

struct Patch {
  std::string Arch; // the ARCH an arch patch is for (empty otherwise)
  std::string Subject, Body;
  std::vector<FileChange> Changes;
  std::vector<std::string> Trailers; // "Fixes: ..." (before a Signed-off-by)
  std::string Select; // an arch patch: the Kconfig select it writes ("SYM if COND")
  std::vector<std::string> To, Cc; // from the tree's MAINTAINERS (Maintainers.h)
};

struct SeriesOptions {
  std::string Tree;
  Style S = Style::Seed;
  std::string Author;   // "Name <email>" (Identity.h); empty: no From: line (display only)
  int64_t Date = 0;      // seconds since the epoch
  bool SignOff = false;  // only the sender can certify the DCO: never by default
  bool CoverLetter = true; // 0000-cover-letter.patch when the series has more than one patch
  std::string Version;   // for the signature
};

using ArchInput = archmodel::ArchModel;

struct Series {
  std::vector<Patch> Patches;
  std::optional<Patch> Cover; // 0/N (Cover.h): Subject and blurb; To/Cc the union of the patches
  std::vector<std::string> Skipped; // "arch: why no patch"
};

llvm::Expected<Series> buildSeries(const SeriesOptions &O, const std::vector<ArchInput> &Arches);

// "0001-subject-words.patch" and the mbox text of patch N of M (N 0: the cover letter's
// header; M 1: "[PATCH]").
std::string patchFileName(unsigned N, const Patch &P);
std::string mailHeader(const SeriesOptions &O, unsigned N, unsigned M, const Patch &P);
std::string formatPatch(const SeriesOptions &O, unsigned N, unsigned M, const Patch &P);

} // namespace dcalias::patchgen
