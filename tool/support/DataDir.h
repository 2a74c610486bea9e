// Where dcalias finds its data (rules/, compile_commands.json.in): $DCALIAS_DATA_DIR, else the
// source checkout it was built from. Data is never compiled in, so a rule change needs no rebuild.
#pragma once
#include <string>

namespace dcalias {
std::string dataDir();
std::string dataPath(const std::string &Rel); // dataDir() + "/" + Rel
} // namespace dcalias
