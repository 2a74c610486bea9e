// Output: atomic for regular files, in place for devices and FIFOs (see Output.h).
#include "support/Output.h"

#include "support/Diagnostics.h"
#include "support/ReadLog.h"

#include "llvm/Support/FileSystem.h"

#include <cstdio>

namespace dcalias {

char WriteFailure::ID = 0;

static llvm::Error failedWrite(llvm::StringRef Path, const llvm::Twine &Why) {
  if (Path == "-")
    return llvm::make_error<WriteFailure>("error: cannot write standard output: " + Why.str());
  SourceLoc L{Path.str(), 0, 0};
  return llvm::make_error<WriteFailure>(llvm::toString(makeLocatedError(L, "cannot write: " + Why)));
}

// The stream's own error, taken so that its destructor does not turn it into a fatal error.
static std::string takeStreamError(llvm::raw_fd_ostream &OS) {
  OS.flush();
  if (!OS.has_error())
    return "";
  std::string M = OS.error().message();
  OS.clear_error();
  return M;
}

llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write) {
  auto BadPath = [&](const llvm::Twine &Why) {
    return makeLocatedError({Path.str(), 0, 0}, "cannot write: " + Why);
  };
  llvm::sys::fs::file_status St;
  bool Exists = Path != "-" && !llvm::sys::fs::status(Path, St, /*Follow=*/true) && llvm::sys::fs::exists(St);
  if (Exists && St.type() == llvm::sys::fs::file_type::directory_file)
    return BadPath("is a directory");
  auto InPlace = [&](llvm::raw_fd_ostream &OS) -> llvm::Error {
    OS.enable_colors(OS.is_displayed());
    llvm::Error E = Write(OS);
    std::string M = takeStreamError(OS);
    if (E)
      return E;
    if (!M.empty())
      return failedWrite(Path, M);
    return llvm::Error::success();
  };
  // Standard output is the process's one stream, shared with whatever else prints there.
  if (Path == "-")
    return InPlace(llvm::outs());
  if (Exists && St.type() != llvm::sys::fs::file_type::regular_file) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
    if (EC)
      return BadPath(EC.message());
    return InPlace(OS);
  }
  // A regular file: a temporary beside it, renamed over it once complete.
  auto T = llvm::sys::fs::TempFile::create(Path + "-%%%%%%%%.tmp");
  if (!T)
    return BadPath(llvm::toString(T.takeError()));
  std::string M;
  llvm::Error E = llvm::Error::success();
  {
    llvm::raw_fd_ostream OS(T->FD, /*shouldClose=*/false);
    E = Write(OS);
    M = takeStreamError(OS);
  }
  if (E || !M.empty()) {
    llvm::consumeError(T->discard());
    return E ? std::move(E) : failedWrite(Path, M);
  }
  if (llvm::Error K = T->keep(Path)) {
    std::string Why = llvm::toString(std::move(K));
    llvm::consumeError(T->discard());
    return failedWrite(Path, Why);
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
  noteRead(ReadKind::Content, Path);
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
