#include "kconfig/ShellProfile.h"

#include "support/Diagnostics.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace dcalias::kconfig {

llvm::Expected<std::map<std::string, std::string>> parseShellProfile(llvm::StringRef Text,
                                                                     const std::string &File) {
  auto V = llvm::json::parse(Text);
  if (!V)
    return makeLocatedError({File, 0, 0}, "invalid JSON: " + llvm::toString(V.takeError()));
  const llvm::json::Object *O = V->getAsObject();
  if (!O)
    return makeLocatedError({File, 0, 0}, "must be a JSON object {command: output}");
  std::map<std::string, std::string> Out;
  for (auto &KV : *O) {
    auto S = KV.second.getAsString();
    if (!S)
      return makeLocatedError({File, 0, 0}, "value of '" + KV.first.str() + "' must be a string");
    Out[KV.first.str()] = S->str();
  }
  return Out;
}

std::string shellProfileText(const std::map<std::string, std::string> &Outputs) {
  llvm::json::Object O;
  for (const auto &[Cmd, Output] : Outputs)
    O[Cmd] = Output;
  return llvm::formatv("{0:2}", llvm::json::Value(std::move(O))).str() + "\n";
}

} // namespace dcalias::kconfig
