#include "support/TreeFileSystem.h"

#include "support/ReadLog.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace dcalias {

namespace {

// Clang quotes an open's error message ("cannot open file 'X': MESSAGE"): say why.
enum class Refusal { NotRegular = 1, OutsideTree };
class RefusalCategory : public std::error_category {
public:
  const char *name() const noexcept override { return "dcalias-tree"; }
  std::string message(int C) const override {
    return Refusal(C) == Refusal::NotRegular ? "not a regular file; not read" : "outside the tree; not read";
  }
};
std::error_code refused(Refusal R) {
  static RefusalCategory Category;
  return {int(R), Category};
}

class ConfinedFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  ConfinedFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, std::vector<std::string> Roots)
      : ProxyFileSystem(std::move(Base)) {
    for (std::string &R : Roots) {
      llvm::SmallString<256> Real;
      // A root that does not exist confines to nothing (no file can resolve under it).
      if (!llvm::sys::fs::real_path(R, Real))
        this->Roots.push_back(std::string(Real));
    }
  }

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    noteRead(ReadKind::Status, Path);
    return ProxyFileSystem::status(Path);
  }

  llvm::vfs::directory_iterator dir_begin(const llvm::Twine &Dir, std::error_code &EC) override {
    noteRead(ReadKind::Listing, Dir);
    return ProxyFileSystem::dir_begin(Dir, EC);
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    noteRead(ReadKind::Content, Path);
    auto St = ProxyFileSystem::status(Path);
    if (!St)
      return St.getError();
    if (St->getType() != llvm::sys::fs::file_type::regular_file)
      return refused(Refusal::NotRegular);
    llvm::SmallString<256> Real;
    if (std::error_code EC = ProxyFileSystem::getRealPath(Path, Real))
      return EC;
    if (!inRoots(Real))
      return refused(Refusal::OutsideTree);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  std::vector<std::string> Roots;

  bool inRoots(llvm::StringRef Real) const {
    for (const std::string &R : Roots) {
      llvm::StringRef Rest = Real;
      if (Rest.consume_front(R) && (Rest.empty() || llvm::sys::path::is_separator(Rest.front())))
        return true;
    }
    return false;
  }
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
confinedFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, std::vector<std::string> Roots) {
  return llvm::makeIntrusiveRefCnt<ConfinedFileSystem>(std::move(Base), std::move(Roots));
}

} // namespace dcalias
