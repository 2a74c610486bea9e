// report/JsonHeader.h: what every JSON report of dcalias opens with: the schema it follows
// (schemas/<name>.schema.json) and the tool that wrote it.
#pragma once

#include "support/Version.h"

#include "llvm/Support/JSON.h"

namespace dcalias::report {

// Inside the report's top-level object, before its own fields.
inline void writeJsonHeader(llvm::json::OStream &J, llvm::StringRef Schema) {
  J.attribute("schema", Schema);
  J.attributeObject("tool", [&] {
    J.attribute("name", "dcalias");
    J.attribute("version", DCALIAS_VERSION);
  });
}

// The analysed tree as the audit reports name it: its directory's name and KERNELVERSION.
inline void writeTreeObject(llvm::json::OStream &J, llvm::StringRef Name, llvm::StringRef KernelVersion) {
  J.attributeObject("tree", [&] {
    J.attribute("name", Name);
    J.attribute("kernel_version", KernelVersion);
  });
}

} // namespace dcalias::report
