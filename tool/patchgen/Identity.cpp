#include "patchgen/Identity.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <ctime>
#include <optional>

namespace dcalias::patchgen {

namespace {

bool wellFormed(llvm::StringRef Ident) {
  size_t Lt = Ident.find(" <");
  return Lt != llvm::StringRef::npos && Lt > 0 && Ident.ends_with(">") &&
         Ident.slice(Lt + 2, Ident.size() - 1).contains('@');
}

// `git var GIT_AUTHOR_IDENT` prints "Name <email> <seconds> <zone>"; the first two are ours.
std::optional<std::string> gitAuthor() {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return std::nullopt;
  llvm::SmallString<128> Out;
  if (llvm::sys::fs::createTemporaryFile("dcalias-ident", "txt", Out))
    return std::nullopt;
  llvm::FileRemover Remove(Out);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef("")};
  llvm::StringRef Args[] = {*Git, "var", "GIT_AUTHOR_IDENT"};
  if (llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects, /*SecondsToWait=*/10) != 0)
    return std::nullopt;
  auto B = llvm::MemoryBuffer::getFile(Out);
  if (!B)
    return std::nullopt;
  llvm::StringRef L = (*B)->getBuffer().trim();
  size_t Gt = L.rfind('>');
  if (Gt == llvm::StringRef::npos)
    return std::nullopt;
  std::string Ident = L.take_front(Gt + 1).str();
  if (!wellFormed(Ident))
    return std::nullopt;
  return Ident;
}

} // namespace

llvm::Expected<std::string> authorIdentity(const std::string &From) {
  if (!From.empty()) {
    if (!wellFormed(From))
      return makeError("dcalias: error: --from must be 'Name <email>', not '" + From + "'");
    return From;
  }
  if (auto G = gitAuthor())
    return *G;
  return makeError("dcalias: error: no author for the patches: pass --from 'Name <email>' or set "
                   "git's user.name and user.email (the series is yours to send)");
}

llvm::Expected<int64_t> seriesDate() {
  if (const char *E = std::getenv("SOURCE_DATE_EPOCH"); E && *E) {
    int64_t S = 0;
    if (llvm::StringRef(E).getAsInteger(10, S) || S < 0)
      return makeError(std::string("dcalias: error: SOURCE_DATE_EPOCH is not a number of seconds: '") + E + "'");
    return S;
  }
  return int64_t(std::time(nullptr));
}

std::string mailDate(int64_t Seconds) {
  static const char *Days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char *Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t T = std::time_t(Seconds);
  std::tm U{};
  gmtime_r(&T, &U);
  char Buf[64];
  snprintf(Buf, sizeof Buf, "%s, %d %s %d %02d:%02d:%02d +0000", Days[U.tm_wday], U.tm_mday,
           Months[U.tm_mon], U.tm_year + 1900, U.tm_hour, U.tm_min, U.tm_sec);
  return Buf;
}

} // namespace dcalias::patchgen
