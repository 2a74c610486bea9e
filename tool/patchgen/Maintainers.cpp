#include "patchgen/Maintainers.h"

#include "support/Diagnostics.h"
#include "support/TreeFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <map>

namespace dcalias::patchgen {

namespace {

// get_maintainer.pl turns an F:/X: glob into a regex anchored at the start of the path.
std::string globToRegex(llvm::StringRef G) {
  std::string R = "^";
  for (char C : G) {
    if (C == '*')
      R += ".*";
    else if (C == '?')
      R += ".";
    else if (llvm::StringRef("\\^$.|+()[]{}").contains(C))
      R += std::string("\\") + C;
    else
      R += C;
  }
  return R;
}

unsigned slashes(llvm::StringRef S) { return unsigned(std::count(S.begin(), S.end(), '/')); }

// file_match_pattern(): a directory pattern matches below it; any other pattern matches a
// path of the same depth.
bool fileMatches(llvm::StringRef File, const std::string &Pattern, llvm::Regex &R) {
  if (!R.match(File))
    return false;
  return llvm::StringRef(Pattern).ends_with("/") || slashes(File) == slashes(Pattern);
}

// The address as a mail header wants it: a name with RFC 5322 specials is quoted.
std::string headerAddress(llvm::StringRef V) {
  V = V.trim();
  size_t Lt = V.find('<');
  if (Lt == llvm::StringRef::npos || Lt == 0)
    return V.str();
  llvm::StringRef Name = V.take_front(Lt).trim(), Addr = V.drop_front(Lt);
  if (Name.starts_with("\"") || Name.find_first_of("()<>[]:;@\\,.") == llvm::StringRef::npos)
    return (Name + " " + Addr).str();
  return ("\"" + Name + "\" " + Addr).str();
}

llvm::StringRef addressOf(llvm::StringRef V) {
  size_t Lt = V.find('<'), Gt = V.rfind('>');
  if (Lt != llvm::StringRef::npos && Gt != llvm::StringRef::npos && Gt > Lt)
    return V.slice(Lt + 1, Gt);
  return V.trim();
}

// N: and K: are Perl regexes matched with /x; the subset MAINTAINERS uses, as an ERE: (?:
// groups, (?i) and (?i:) case folding (for the whole pattern), \b, \s, \w, \d, and /x's
// ignored whitespace. What still does not compile matches nothing.
llvm::Regex perlRegex(llvm::StringRef P) {
  std::string E;
  bool Fold = false;
  const std::string W = "[A-Za-z0-9_]", NotW = "[^A-Za-z0-9_]";
  for (size_t I = 0; I < P.size(); ++I) {
    char C = P[I];
    if (llvm::isSpace(C))
      continue;
    if (P.substr(I).starts_with("(?i)")) {
      Fold = true;
      I += 3;
    } else if (P.substr(I).starts_with("(?i:")) {
      Fold = true;
      E += "(";
      I += 3;
    } else if (P.substr(I).starts_with("(?:")) {
      E += "(";
      I += 2;
    } else if (C == '\\' && I + 1 < P.size()) {
      char N = P[++I];
      if (N == 'b')
        E += "(^|$|" + NotW + ")";
      else if (N == 's')
        E += "[[:space:]]";
      else if (N == 'w')
        E += W;
      else if (N == 'd')
        E += "[0-9]";
      else
        E += std::string("\\") + N;
    } else {
      E += C;
    }
  }
  return llvm::Regex(E, Fold ? llvm::Regex::IgnoreCase : llvm::Regex::NoFlags);
}

} // namespace

Maintainers Maintainers::parse(const std::string &Tree, const std::string &Text,
                               const std::string &Chiefs) {
  Maintainers M;
  M.Tree = Tree;
  Section *Cur = nullptr;
  for (llvm::StringRef L : llvm::split(Text, '\n')) {
    L = L.rtrim("\r");
    if (L.trim().empty() || L.ltrim().starts_with("#")) {
      Cur = nullptr;
      continue;
    }
    if (L.size() >= 2 && llvm::isUpper(L[0]) && L[1] == ':') {
      if (!Cur) {
        M.Sections.push_back({"", {}, {}});
        Cur = &M.Sections.back();
      }
      Cur->Fields.push_back({L[0], L.drop_front(2).trim().str()});
      continue;
    }
    M.Sections.push_back({L.trim().str(), {}, {}});
    Cur = &M.Sections.back();
  }
  // Patterns are read once, as get_maintainer.pl reads them: a directory named without its
  // trailing '/' gets one, globs become anchored regexes.
  for (Section &Sec : M.Sections)
    for (auto &[Type, Value] : Sec.Fields) {
      if ((Type == 'F' || Type == 'X') && !llvm::StringRef(Value).ends_with("/") &&
          Value.find_first_of("*?") == std::string::npos && llvm::sys::fs::is_directory(Tree + "/" + Value))
        Value += "/";
      Sec.Compiled.push_back(Type == 'F' || Type == 'X' ? std::make_shared<llvm::Regex>(globToRegex(Value))
                             : Type == 'N' || Type == 'K' ? std::make_shared<llvm::Regex>(perlRegex(Value))
                                                          : nullptr);
    }
  // push(@penguin_chief, "Name:address"); with Perl's \@ (a commented-out push does not count).
  for (llvm::StringRef L : llvm::split(Chiefs, '\n')) {
    L = L.trim();
    if (!L.starts_with("push(@penguin_chief,"))
      continue;
    size_t Q = L.find('"'), E = L.rfind('"');
    if (Q == llvm::StringRef::npos || E <= Q)
      continue;
    llvm::StringRef Item = L.slice(Q + 1, E);
    std::string Clean;
    for (char C : Item.substr(Item.rfind(':') + 1))
      if (C != '\\')
        Clean += C;
    M.ChiefEmails.push_back(Clean);
  }
  return M;
}

llvm::Expected<Maintainers> Maintainers::load(const std::string &Tree) {
  auto B = readOptionalTreeFile(Tree, "MAINTAINERS");
  if (!B)
    return parse(Tree, "", "");
  auto C = readOptionalTreeFile(Tree, "scripts/get_maintainer.pl");
  return parse(Tree, B->getBuffer().str(), C ? C->getBuffer().str() : "");
}

Recipients Maintainers::forPatch(const std::string &Message, const std::vector<FileChange> &Changes) const {
  // Section index -> pattern depth (get_maintainer's %hash: the last matching F: of a section
  // sets it; N: and K: count 0; a pattern starting with a wildcard -1).
  std::map<size_t, int> Depth;
  // K: sees the message and the diff's added and removed lines, as in a format-patch file.
  std::vector<std::string> Lines = splitLines(Message);
  for (const FileChange &C : Changes)
    for (const Edit &E : C.Edits) {
      for (unsigned I = E.Line; I < E.Line + E.Remove && I < C.Original.size(); ++I)
        Lines.push_back(C.Original[I]);
      Lines.insert(Lines.end(), E.Add.begin(), E.Add.end());
    }
  for (size_t S = 0; S < Sections.size(); ++S) {
    const Section &Sec = Sections[S];
    for (const FileChange &C : Changes) {
      llvm::StringRef File = C.Path;
      bool Excluded = false;
      for (size_t I = 0; I < Sec.Fields.size(); ++I)
        Excluded |= Sec.Fields[I].first == 'X' && fileMatches(File, Sec.Fields[I].second, *Sec.Compiled[I]);
      if (Excluded)
        continue;
      for (size_t I = 0; I < Sec.Fields.size(); ++I) {
        const auto &[Type, P] = Sec.Fields[I];
        if (Type != 'F' && Type != 'N')
          continue;
        llvm::Regex &Re = *Sec.Compiled[I];
        if (Type == 'F') {
          if (!fileMatches(File, P, Re))
            continue;
          int D = int(slashes(P)) + (llvm::StringRef(P).ends_with("/") ? 0 : 1);
          if (!P.empty() && (P[0] == '*' || P[0] == '?'))
            D = -1;
          Depth[S] = D;
        } else if (Type == 'N' && Re.isValid() && Re.match(File)) {
          Depth[S] = 0;
        }
      }
    }
    for (size_t I = 0; I < Sec.Fields.size(); ++I)
      if (Sec.Fields[I].first == 'K' && !Depth.count(S)) {
        llvm::Regex &R = *Sec.Compiled[I];
        if (R.isValid() && std::any_of(Lines.begin(), Lines.end(), [&](const std::string &L) { return R.match(L); }))
          Depth[S] = 0;
      }
  }
  std::vector<std::pair<size_t, int>> Order(Depth.begin(), Depth.end());
  std::stable_sort(Order.begin(), Order.end(), [](const auto &A, const auto &B) { return A.second > B.second; });
  Recipients R;
  auto add = [](std::vector<std::string> &To, const std::string &A) {
    if (std::find(To.begin(), To.end(), A) == To.end())
      To.push_back(A);
  };
  for (const auto &[S, D] : Order)
    for (const auto &[Type, Value] : Sections[S].Fields) {
      if (Type == 'M' || Type == 'R') {
        llvm::StringRef Addr = addressOf(Value);
        if (!Addr.contains('@') ||
            std::find(ChiefEmails.begin(), ChiefEmails.end(), Addr) != ChiefEmails.end())
          continue;
        add(Type == 'M' ? R.To : R.Cc, headerAddress(Value));
      } else if (Type == 'L') {
        llvm::StringRef L = Value;
        if (L.contains("subscribers-only"))
          continue;
        add(R.Cc, L.split(' ').first.str());
      }
    }
  R.Cc.erase(std::remove_if(R.Cc.begin(), R.Cc.end(),
                            [&](const std::string &X) {
                              return std::find(R.To.begin(), R.To.end(), X) != R.To.end();
                            }),
             R.Cc.end());
  return R;
}

} // namespace dcalias::patchgen
