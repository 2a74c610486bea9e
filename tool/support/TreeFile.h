// support/TreeFile.h: reading a file of the analysed tree.
//
// Contract: a tree file is read as an input (support/Output.h: a regular file within the
// input limit) and only if it lies inside the tree once symbolic links are resolved: a link
// (or an absolute 'source') that leads out of the tree is refused with a located error that
// names where it leads, never its contents, so that a tree cannot make dcalias quote a file
// of the machine it runs on (a link to /etc/passwd) in its messages.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace dcalias {

// Reads Path (tree-relative, or absolute) of Tree; errors are located at Path as given.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readTreeFile(llvm::StringRef Tree,
                                                                  llvm::StringRef Path);

// The same, for a file whose absence is an answer ("does the tree have X?"): nullptr when it is
// missing or cannot be read as a tree file (a link out of the tree, a FIFO).
std::unique_ptr<llvm::MemoryBuffer> readOptionalTreeFile(llvm::StringRef Tree, llvm::StringRef Path);

// Where Path of Tree really is, or an error if that is outside the tree (or does not exist).
llvm::Expected<std::string> resolveInTree(llvm::StringRef Tree, llvm::StringRef Path);

} // namespace dcalias
