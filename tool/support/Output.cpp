// Output: atomic for regular files, in place for devices and FIFOs (see Output.h).
#include "support/Output.h"

#include "support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"

#include <cstdio>

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

namespace dcalias {

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInput(llvm::StringRef Path,
                                                               bool AllowStdin) {
  auto Located = [&](const llvm::Twine &Msg) { return makeLocatedError({Path.str(), 0, 0}, Msg); };
  if (Path == "-" && AllowStdin) {
    std::string Data;
    char Chunk[65536];
    while (size_t N = std::fread(Chunk, 1, sizeof Chunk, stdin)) {
      Data.append(Chunk, N);
      if (Data.size() > MaxInputBytes)
        return Located("standard input is larger than the input limit of " +
                       llvm::Twine(MaxInputBytes >> 20) + " MiB");
    }
    return llvm::MemoryBuffer::getMemBufferCopy(Data, "<stdin>");
  }
  llvm::sys::fs::file_status St;
  if (std::error_code EC = llvm::sys::fs::status(Path, St))
    return Located("cannot read: " + EC.message());
  if (St.type() != llvm::sys::fs::file_type::regular_file)
    return Located("not a regular file");
  if (St.getSize() > MaxInputBytes)
    return Located("larger than the input limit of " + llvm::Twine(MaxInputBytes >> 20) + " MiB");
  auto B = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!B)
    return Located("cannot read: " + B.getError().message());
  return std::move(*B);
}

} // namespace dcalias
