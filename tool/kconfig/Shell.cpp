#include "kconfig/Shell.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <mutex>
#include <thread>

extern char **environ;

namespace dcalias::kconfig {

namespace {
std::vector<std::string> environmentWith(const ShellEnv &Env) {
  std::vector<std::string> Out;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef KV(*E);
    if (!Env.count(KV.split('=').first.str()))
      Out.push_back(KV.str());
  }
  for (auto &[K, V] : Env)
    Out.push_back(K + "=" + V);
  return Out;
}

ShellResult run(const std::string &Cmd, const std::vector<std::string> &EnvStrings) {
  ShellResult R;
  llvm::SmallString<128> OutPath;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("dcalias-shell", "out", OutPath)) {
    R.Ok = false;
    R.Error = "cannot create a temporary file: " + EC.message();
    return R;
  }
  std::vector<llvm::StringRef> Args = {"/bin/sh", "-c", Cmd};
  std::vector<llvm::StringRef> EnvRefs(EnvStrings.begin(), EnvStrings.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutPath), std::nullopt};
  std::string ErrMsg;
  bool Failed = false;
  // The exit status is the command's business (LLVM reports sh's 127, "command not found",
  // as -1); only a shell that could not be started is a failure.
  llvm::sys::ExecuteAndWait("/bin/sh", Args, EnvRefs, Redirects, 0, 0, &ErrMsg, &Failed);
  if (Failed) {
    R.Ok = false;
    R.Error = ErrMsg.empty() ? "cannot run /bin/sh" : ErrMsg;
  }
  if (auto Buf = llvm::MemoryBuffer::getFile(OutPath, /*IsText=*/false, /*RequiresNullTerminator=*/false))
    R.Output = (*Buf)->getBuffer().take_front(4095).str();
  llvm::sys::fs::remove(OutPath);
  // conf: trailing newlines dropped, the others turned into spaces.
  while (!R.Output.empty() && R.Output.back() == '\n')
    R.Output.pop_back();
  std::replace(R.Output.begin(), R.Output.end(), '\n', ' ');
  return R;
}
} // namespace

ShellResult runShellCommand(const std::string &Cmd, const ShellEnv &Env) {
  return run(Cmd, environmentWith(Env));
}

std::map<std::string, ShellResult> runShellCommands(const std::vector<std::string> &Cmds,
                                                    const ShellEnv &Env, unsigned Jobs) {
  std::map<std::string, ShellResult> Out;
  if (Cmds.empty())
    return Out;
  std::vector<std::string> EnvStrings = environmentWith(Env);
  if (!Jobs)
    // Compiler probes spend much of their time starting processes: more than one per core.
    Jobs = std::max(4u, 2 * std::max(1u, std::thread::hardware_concurrency()));
  std::mutex Lock;
  llvm::StdThreadPool Pool(llvm::hardware_concurrency(std::min<size_t>(Jobs, Cmds.size())));
  for (const std::string &C : Cmds)
    Pool.async([&, C] {
      ShellResult R = run(C, EnvStrings);
      std::lock_guard<std::mutex> G(Lock);
      Out[C] = std::move(R);
    });
  Pool.wait();
  return Out;
}

} // namespace dcalias::kconfig
