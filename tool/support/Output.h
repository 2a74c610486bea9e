// support/Output.h: writing a report or configuration where the user said.
//
// Contract: a regular file (or a new path) is written atomically (a temporary beside it,
// renamed over it, as llvm::writeToOutput does), so a reader never sees half a file; anything
// else that exists (a character device such as /dev/stdout, a FIFO, a socket, or a symlink to
// one) is written in place, never replaced by a regular file. "-" is stdout. A stream written in
// place to a terminal has colours enabled.
//
// A failure is one of two kinds, for the exit code (support/ExitCode.h): a path that cannot be
// written at all (a directory, a missing parent directory, no permission) is a located error,
// bad usage; a write that fails once the output is open (a full disk, an I/O error) is a
// WriteFailure, and the half-written temporary is removed. Either message reads
// "PATH: error: cannot write: REASON".
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace dcalias {

class WriteFailure : public llvm::ErrorInfo<WriteFailure> {
public:
  static char ID;
  explicit WriteFailure(std::string Msg) : Msg(std::move(Msg)) {}
  void log(llvm::raw_ostream &OS) const override { OS << Msg; }
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }

private:
  std::string Msg;
};

llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write);

} // namespace dcalias

namespace dcalias {

// Inputs (tree files, patches, configurations, profiles, rules) are regular files no larger
// than this; anything else is refused with a located error instead of read without end
// (/dev/zero, a FIFO that never closes).
constexpr uint64_t MaxInputBytes = 256ull << 20;

// Reads Path, which must be a regular file within MaxInputBytes; "-" reads stdin (up to the
// same limit) where AllowStdin.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInput(llvm::StringRef Path,
                                                               bool AllowStdin = false);

} // namespace dcalias
