// patchgen/Identity.h: who sends the series and when, resolved as git format-patch would.
//
// Contract: the author is the user's, never the tool's: --from as given ("Name <email>"), else
// git's own answer (`git var GIT_AUTHOR_IDENT`: GIT_AUTHOR_NAME/EMAIL, then user.name and
// user.email). git is the user's program, run from the user's directory, never from the tree.
// The date is SOURCE_DATE_EPOCH when set (reproducible series), else now. Errors name what to
// set; nothing is guessed.
#pragma once

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace dcalias::patchgen {

// "Name <email>": From (validated) or git's author identity.
llvm::Expected<std::string> authorIdentity(const std::string &From);

// Seconds since the epoch: SOURCE_DATE_EPOCH (a non-negative integer) or the current time.
llvm::Expected<int64_t> seriesDate();

// RFC 2822 in UTC, as in a mail header: "Thu, 1 Jan 1970 00:00:00 +0000".
std::string mailDate(int64_t Seconds);

} // namespace dcalias::patchgen
