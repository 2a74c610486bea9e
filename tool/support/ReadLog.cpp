#include "support/ReadLog.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace dcalias {

void ReadLog::add(ReadKind K, llvm::StringRef Path) {
  std::lock_guard<std::mutex> G(Lock);
  Seen.emplace(K, Path.str());
}

std::vector<std::pair<ReadKind, std::string>> ReadLog::entries() const {
  std::lock_guard<std::mutex> G(Lock);
  return {Seen.begin(), Seen.end()};
}

static thread_local ReadLog *Current = nullptr;
ScopedReadLog::ScopedReadLog(ReadLog *L) : Prev(Current) { Current = L; }
ScopedReadLog::~ScopedReadLog() { Current = Prev; }

static std::string normalised(const llvm::Twine &Path) {
  llvm::SmallString<256> P;
  Path.toVector(P);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

void noteRead(ReadKind K, const llvm::Twine &Path) {
  if (ReadLog *L = Current)
    L->add(K, normalised(Path));
}


bool treeExists(const llvm::Twine &Path) {
  noteRead(ReadKind::Status, Path);
  return llvm::sys::fs::exists(Path);
}
bool treeIsFile(const llvm::Twine &Path) {
  noteRead(ReadKind::Status, Path);
  return llvm::sys::fs::is_regular_file(Path);
}
bool treeIsDir(const llvm::Twine &Path) {
  noteRead(ReadKind::Status, Path);
  return llvm::sys::fs::is_directory(Path);
}

std::string digestOf(llvm::StringRef Data) {
  return llvm::toHex(llvm::BLAKE3::hash<32>(llvm::arrayRefFromStringRef(Data)), /*LowerCase=*/true);
}

std::string currentValue(ReadKind K, llvm::StringRef Path) {
  if (K == ReadKind::Status) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      return "absent";
    return St.type() == llvm::sys::fs::file_type::regular_file     ? "regular file"
           : St.type() == llvm::sys::fs::file_type::directory_file ? "directory"
                                                                    : "other";
  }
  if (K == ReadKind::Content) {
    llvm::sys::fs::file_status St;
    // What a reader of the tree refuses (a FIFO, a device) is not opened here either.
    if (llvm::sys::fs::status(Path, St))
      return "absent";
    if (St.type() != llvm::sys::fs::file_type::regular_file)
      return "not a regular file";
    auto B = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    return B ? digestOf((*B)->getBuffer()) : "unreadable";
  }
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC; It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str() + "\t" +
                    std::to_string(int(It->type())));
  if (EC && Names.empty())
    return "absent";
  std::sort(Names.begin(), Names.end());
  return digestOf(llvm::join(Names, "\n"));
}

} // namespace dcalias
