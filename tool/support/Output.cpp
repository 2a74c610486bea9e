// Output: atomic for regular files, in place for devices and FIFOs (see Output.h).
#include "support/Output.h"

#include "support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"

namespace dcalias {

llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write) {
  llvm::sys::fs::file_status St;
  bool Special = Path != "-" && !llvm::sys::fs::status(Path, St, /*Follow=*/true) &&
                 llvm::sys::fs::exists(St) && St.type() != llvm::sys::fs::file_type::regular_file &&
                 St.type() != llvm::sys::fs::file_type::directory_file;
  if (!Special) {
    if (llvm::Error E = llvm::writeToOutput(Path, Write))
      return makeLocatedError({Path.str(), 0, 0}, "cannot write: " + llvm::toString(std::move(E)));
    return llvm::Error::success();
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return makeLocatedError({Path.str(), 0, 0}, "cannot write: " + EC.message());
  if (llvm::Error E = Write(OS))
    return E;
  OS.flush();
  if (OS.has_error()) {
    std::string M = OS.error().message();
    OS.clear_error();
    return makeLocatedError({Path.str(), 0, 0}, "cannot write: " + M);
  }
  return llvm::Error::success();
}

} // namespace dcalias
