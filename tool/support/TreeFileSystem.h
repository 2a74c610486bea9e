// support/TreeFileSystem.h: the file system Clang sees when it compiles a probe of the tree.
//
// Contract: the same rule as support/TreeFile.h, for every file Clang opens: a file is opened
// only if it is a regular file whose real path lies under one of the roots (the tree, the
// compiler's own include directory). A header that is a link out of the tree (to /etc/passwd)
// or a FIFO (which would block Clang's open forever) cannot be opened: Clang reports the
// include as it reports any unreadable header, naming it, never quoting the file behind it.
// Directory listings and status queries pass through unchanged.
#pragma once

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <string>
#include <vector>

namespace dcalias {

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
confinedFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, std::vector<std::string> Roots);

} // namespace dcalias
