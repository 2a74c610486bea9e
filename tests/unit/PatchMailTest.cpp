// The mail around a patch: recipients from MAINTAINERS as get_maintainer.pl picks them, the
// date header, and the 72-column text of commit messages.
#include "patchgen/Identity.h"
#include "patchgen/Maintainers.h"
#include "patchgen/Wrap.h"

#include "llvm/ADT/StringExtras.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace dcalias::patchgen;

namespace {
// Sections in the shapes MAINTAINERS uses (written for this test).
const char *Text = R"(List of maintainers
===================

	M: *Mail* patches to: FullName <address@domain>

FX PORT
M:	Ann Arch <ann@example.org>
R:	Rev Iewer (Corp) <rev@example.org>
L:	fx-kernel@lists.example.org (moderated for non-subscribers)
L:	fx-private@lists.example.org (subscribers-only)
S:	Maintained
F:	arch/fx/
X:	arch/fx/boot/

FX CACHE
M:	Cache Keeper <cache@example.org>
S:	Maintained
F:	arch/fx/include/asm/cache*.h

FX NAMED
M:	Regex Person <regex@example.org>
N:	fx[0-9]+

ALIAS KEYWORD
M:	Key Word <key@example.org>
K:	\bcache_is_aliasing\b

EVERYTHING DAX
M:	Dax Person <dax@example.org>
F:	drivers/dax/

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
S:	Buried alive in reporters
F:	*
F:	*/
)";
const char *Chiefs = R"(my @penguin_chief = ();
push(@penguin_chief, "Linus Torvalds:torvalds\@linux-foundation.org");
#push(@penguin_chief, "Andrew Morton:akpm\@linux-foundation.org");
)";

FileChange change(const std::string &Path, std::vector<std::string> Add = {"x"}) {
  return {Path, false, {"a"}, {{0, 0, std::move(Add)}}};
}
} // namespace

TEST_CASE("MAINTAINERS: the most specific section first, M: to To:, R: and L: to Cc:") {
  Maintainers M = Maintainers::parse("/nonexistent", Text, Chiefs);
  Recipients R = M.forPatch("fx: tidy", {change("arch/fx/include/asm/cachetype.h")});
  // F: arch/fx/include/asm/cache*.h is deeper than arch/fx/: its maintainer comes first.
  REQUIRE(R.To.size() == 2);
  CHECK(R.To[0] == "Cache Keeper <cache@example.org>");
  CHECK(R.To[1] == "Ann Arch <ann@example.org>");
  // A name with RFC 5322 specials is quoted; the list's note is dropped; a subscribers-only
  // list is left out; THE REST's list is there but its penguin chief is not.
  CHECK(R.Cc == std::vector<std::string>{"\"Rev Iewer (Corp)\" <rev@example.org>",
                                         "fx-kernel@lists.example.org", "linux-kernel@vger.kernel.org"});
}

TEST_CASE("MAINTAINERS: X: excludes, a pattern without '/' matches one depth, N: and K: are regexes") {
  Maintainers M = Maintainers::parse("/nonexistent", Text, Chiefs);
  Recipients Boot = M.forPatch("", {change("arch/fx/boot/Makefile")});
  CHECK(std::find(Boot.To.begin(), Boot.To.end(), "Ann Arch <ann@example.org>") == Boot.To.end());
  // cache*.h has as many '/' as the file it matches, not one below it.
  Recipients Deeper = M.forPatch("", {change("arch/fx/include/asm/cache/x.h")});
  CHECK(std::find(Deeper.To.begin(), Deeper.To.end(), "Cache Keeper <cache@example.org>") == Deeper.To.end());
  Recipients Named = M.forPatch("", {change("drivers/misc/fx42.c")});
  CHECK(std::find(Named.To.begin(), Named.To.end(), "Regex Person <regex@example.org>") != Named.To.end());
  // \b is a word boundary: "cache_is_aliasing()" in an added line matches, a longer word does not.
  Recipients Key = M.forPatch("", {change("mm/x.c", {"if (cache_is_aliasing())"})});
  CHECK(Key.To == std::vector<std::string>{"Key Word <key@example.org>"});
  Recipients NotKey = M.forPatch("", {change("mm/x.c", {"cpu_cache_is_aliasing_x"})});
  CHECK(NotKey.To.empty());
  // ... and K: reads the commit message too, as get_maintainer.pl reads a format-patch file.
  CHECK(M.forPatch("use cache_is_aliasing()", {change("mm/x.c")}).To ==
        std::vector<std::string>{"Key Word <key@example.org>"});
}

TEST_CASE("mail date: RFC 2822 in UTC") {
  CHECK(mailDate(0) == "Thu, 1 Jan 1970 00:00:00 +0000");
  CHECK(mailDate(1700000000) == "Tue, 14 Nov 2023 22:13:20 +0000");
}

TEST_CASE("commit text: 72 columns, list items never split") {
  std::string W = wrap(std::string(60, 'a') + " bbbbbbbbbbbb cc");
  CHECK(W == std::string(60, 'a') + "\nbbbbbbbbbbbb cc\n");
  std::string L = wrapList("never alias:", {"XTENSA_VARIANT_CUSTOM dc232b", "XTENSA_VARIANT_CUSTOM dc233c",
                                             "XTENSA_VARIANT_FSF"});
  CHECK(L == "  never alias: XTENSA_VARIANT_CUSTOM dc232b,\n"
             "               XTENSA_VARIANT_CUSTOM dc233c, XTENSA_VARIANT_FSF\n");
  for (llvm::StringRef Line : llvm::split(llvm::StringRef(L), '\n'))
    CHECK(Line.size() <= 72);
  CHECK(joinAnd({"A", "B", "C"}) == "A, B and C");
}
