// patchgen/Maintainers.h: who a patch goes to, from the tree's MAINTAINERS file read as data
// with get_maintainer.pl's rules (never running it, or anything else of the tree).
//
// Contract: a section is a title line and its "X:\tvalue" lines. A file matches a section
// through F: (glob: '*' and '?'; a trailing '/' or an existing directory matches everything
// below; otherwise the pattern and the file have as many '/'), or N: (a regex on the path),
// unless an X: of the section matches it; K: (a regex) matches a patch whose added or removed
// lines or its message contain it. Sections are taken most specific pattern first. M: go to To:, R: and L:
// to Cc: (a "(subscribers-only)" list is left out, a list's note is dropped), the penguin
// chiefs get_maintainer.pl itself leaves out (its @penguin_chief) are left out too.
// A tree without MAINTAINERS has no recipients (not an error).
#pragma once

#include "patchgen/Diff.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <string>
#include <vector>

namespace dcalias::patchgen {

struct Recipients {
  std::vector<std::string> To, Cc;
};

class Maintainers {
public:
  // Reads Tree/MAINTAINERS and the @penguin_chief list of Tree/scripts/get_maintainer.pl.
  static llvm::Expected<Maintainers> load(const std::string &Tree);
  // MaintainersText and ChiefsText as those files hold them (tests); Tree for directory checks.
  static Maintainers parse(const std::string &Tree, const std::string &MaintainersText,
                           const std::string &ChiefsText);

  // Message: the patch's subject and body (K: reads them, as it reads a format-patch file).
  Recipients forPatch(const std::string &Message, const std::vector<FileChange> &Changes) const;

  struct Section {
    std::string Title;
    std::vector<std::pair<char, std::string>> Fields; // in file order; F:/X: as matched
    // Fields[I] compiled once when read (F:/X: glob, N:/K: regex); null for the others.
    std::vector<std::shared_ptr<llvm::Regex>> Compiled;
  };

private:
  std::string Tree;
  std::vector<Section> Sections;
  std::vector<std::string> ChiefEmails;
};

} // namespace dcalias::patchgen
