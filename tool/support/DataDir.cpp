#include "support/DataDir.h"

#include <cstdlib>

namespace dcalias {
std::string dataDir() {
  if (const char *E = std::getenv("DCALIAS_DATA_DIR"); E && *E)
    return E;
  return DCALIAS_SOURCE_DATA_DIR;
}
std::string dataPath(const std::string &Rel) { return dataDir() + "/" + Rel; }
} // namespace dcalias
