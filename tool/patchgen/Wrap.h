// patchgen/Wrap.h: commit-message text at 72 columns (checkpatch wants lines under 75).
//
// Contract: words are never split; a list item ("XTENSA_VARIANT_CUSTOM dc233c") is kept on
// one line; continuation lines take the hanging indent.
#pragma once

#include <string>
#include <vector>

namespace dcalias::patchgen {

// A paragraph: Text's words filled to 72 columns, each line after the first indented by
// Indent + Hanging.
std::string wrap(const std::string &Text, const std::string &Indent = "", const std::string &Hanging = "");

// Text's words after Prefix (kept as written, aligned columns included), continuation lines
// starting with Cont.
std::string wrapAfter(const std::string &Prefix, const std::string &Text, const std::string &Cont);

// "<Indent><Label> A, B, C" filled to 72 columns, continuation lines aligned under the first item.
std::string wrapList(const std::string &Label, const std::vector<std::string> &Items,
                     const std::string &Indent = "  ");

// "A, B and C".
std::string joinAnd(const std::vector<std::string> &L);

} // namespace dcalias::patchgen
