// archmodel/ModelCache.h: the arch model of a tree kept under the user's cache directory and
// reused while nothing it was computed from has changed.
//
// Contract: an entry is one arch's model (ArchModel without its rule, which is reloaded) or one
// configuration's answer, stored as <dir>/<key>.json. The key is a digest of what no file read
// can show: the cache format, dcalias's version and the digest of its own executable, the LLVM
// version, the tree's real path, the ARCH (and the configuration), the rules (every file of the
// data directory's rules/ and schemas/, and of --rules-dir), the tree's Kconfig dialect and the
// host triple. The entry lists every dependency the computation noted (support/ReadLog.h: file
// contents, path types, directory listings, plus the top Makefile that memoised readers share)
// with its value then; a lookup recomputes each value now and reuses the entry only when all
// are equal, so a change to arch/arm/ invalidates arm alone, one to include/linux/ every arch
// that read it. An entry whose own digest does not match its contents, or that does not parse,
// or is of another format or key, is ignored with a note, never trusted. Entries are written to
// a temporary and renamed, so processes running at once see a whole entry or none. An entry no
// run has used for 30 days is removed when a cache is opened (a hit renews it).
#pragma once

#include "archmodel/Audit.h"
#include "support/Diagnostics.h"
#include "support/ReadLog.h"

#include "llvm/Support/JSON.h"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace dcalias::archmodel {

// --cache-dir, else $DCALIAS_CACHE_DIR, else <XDG cache directory>/dcalias/models.
std::string defaultModelCacheDir();

class ModelCache {
public:
  ModelCache(std::string Dir, kconfig::FileCache &Files, const std::string &RulesDir);

  // The stored model of Arch if every dependency is as it was (its rule still to be loaded).
  std::optional<ArchModel> lookup(const std::string &Arch);
  // Stores M, computed while Log recorded. A failure to write is a note, not an error: the
  // model itself is right.
  void store(const std::string &Arch, const ArchModel &M, const ReadLog &Log);

  // The same for one configuration's answer (audit --defconfig/--config, patch --verify), named
  // as the command line named it; Diags receives what evaluating it reported.
  std::optional<ConfigAudit> lookupConfig(const std::string &Arch, const std::string &Config, DiagList &Diags);
  void storeConfig(const std::string &Arch, const std::string &Config, const ConfigAudit &C,
                   const DiagList &Diags, const ReadLog &Log);

  unsigned hits() const { return Hits; }
  // Why entries were ignored or not written, in the order it happened.
  const DiagList &notes() const { return Notes; }

private:
  std::string Dir, Tree, Common;
  std::mutex Lock;
  std::map<std::pair<ReadKind, std::string>, std::string> Values; // current values, memoised
  std::atomic<unsigned> Hits{0};
  DiagList Notes; // under Lock
  void note(const std::string &File, const std::string &Msg);

  std::string keyFor(const std::string &What) const;
  std::optional<llvm::json::Value> lookupPayload(const std::string &What, const std::string &Name);
  void storePayload(const std::string &What, const std::string &Name, llvm::json::Value Payload,
                    const ReadLog &Log);
  std::string valueNow(ReadKind K, const std::string &Path);
};

} // namespace dcalias::archmodel
