// kconfig/ShellProfile.h: recorded $(shell,...) results (`dcalias kconfig --shell-profile`,
// `--record-shell-profile`), so that a tree's Kconfig evaluates without running its commands.
//
// Contract: the file is one JSON object, command text -> the output conf's $(shell,...) gave
// for it. Reading checks that shape; an error names the file. Writing is sorted by command
// (byte-identical for the same calls) and indented by two.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace dcalias::kconfig {

llvm::Expected<std::map<std::string, std::string>> parseShellProfile(llvm::StringRef Text,
                                                                     const std::string &File);
std::string shellProfileText(const std::map<std::string, std::string> &Outputs);

} // namespace dcalias::kconfig
