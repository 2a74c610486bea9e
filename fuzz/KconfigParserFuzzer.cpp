// libFuzzer target: the Kconfig lexer and parser, and the macro expander, on arbitrary bytes.
// Whatever the input, they must return (with diagnostics), never crash, hang or leak.
#include "kconfig/Ast.h"
#include "kconfig/Macro.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  dcalias::DiagList Diags;
  auto Ast = dcalias::kconfig::parseKconfig(Text, "fuzz/Kconfig", Diags);
  (void)Ast;
  // Expansion of the same bytes as a macro string (no shell: ShellPolicy::Never).
  dcalias::kconfig::MacroEnv M({});
  M.assign("f", "$(1)-$(2)", 0);
  M.assign("r", "$(r)", 0);
  (void)M.expand(std::string(Text.take_front(4096)));
  return 0;
}
