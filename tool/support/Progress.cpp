#include "support/Progress.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace dcalias {

Progress::Progress(std::string What, unsigned Total, std::string Unit)
    : What(std::move(What)), Unit(std::move(Unit)), Total(Total),
      Start(std::chrono::steady_clock::now()),
      Enabled(llvm::sys::Process::StandardErrIsDisplayed()) {}

void Progress::tick() {
  unsigned N = ++Done;
  if (!Enabled || std::chrono::steady_clock::now() - Start < std::chrono::seconds(1))
    return;
  std::lock_guard<std::mutex> G(Lock);
  llvm::errs() << "\rdcalias " << What << ": " << N << "/" << Total << " " << Unit << "   ";
  llvm::errs().flush();
  Drawn = true;
}

Progress::~Progress() {
  if (Drawn)
    llvm::errs() << "\r" << std::string(What.size() + Unit.size() + 32, ' ') << "\r";
}

} // namespace dcalias
