#include "ci/PatchSet.h"

#include "support/Output.h"

#include "support/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::ci {

namespace {

std::vector<std::string> lines(llvm::StringRef T) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 0> Ls;
  T.split(Ls, '\n');
  if (!Ls.empty() && Ls.back().empty())
    Ls.pop_back();
  for (llvm::StringRef L : Ls)
    Out.push_back(L.str());
  return Out;
}

std::string join(const std::vector<std::string> &Ls) {
  std::string Out;
  for (const std::string &L : Ls)
    Out += L + "\n";
  return Out;
}

std::string stripPrefix(llvm::StringRef P) {
  P = P.take_until([](char C) { return C == '\t'; }).rtrim();
  if (P == "/dev/null")
    return "";
  if (P.starts_with("a/") || P.starts_with("b/"))
    P = P.drop_front(2);
  return P.str();
}

bool parseRange(llvm::StringRef S, unsigned &Start, unsigned &Len) {
  auto [A, B] = S.split(',');
  if (A.getAsInteger(10, Start))
    return false;
  Len = 1;
  if (!B.empty() && B.getAsInteger(10, Len))
    return false;
  return true;
}

} // namespace

llvm::Expected<PatchSet> applyPatch(const std::string &Tree, llvm::StringRef Input,
                                    const std::string &InputName) {
  PatchSet PS;
  std::vector<std::string> In = lines(Input);
  // Current state of each file being patched, as lines, and the added-line marks.
  std::map<std::string, std::vector<std::string>> Cur;
  std::map<std::string, std::vector<bool>> Mark;
  auto loc = [&](size_t I) { return SourceLoc{InputName, unsigned(I + 1), 0}; };
  size_t I = 0;
  while (I < In.size()) {
    llvm::StringRef L(In[I]);
    if (L.starts_with("From ") || L.starts_with("diff --git "))
      PS.Patches += L.starts_with("From ");
    if (!L.starts_with("--- ") || I + 1 >= In.size() || !llvm::StringRef(In[I + 1]).starts_with("+++ ")) {
      ++I;
      continue;
    }
    std::string OldPath = stripPrefix(L.drop_front(4));
    std::string NewPath = stripPrefix(llvm::StringRef(In[I + 1]).drop_front(4));
    std::string Path = NewPath.empty() ? OldPath : NewPath;
    if (Path.empty())
      return makeLocatedError(loc(I), "a diff from /dev/null to /dev/null");
    I += 2;
    if (!Cur.count(Path)) {
      FileState &F = PS.Files[Path];
      auto B = llvm::MemoryBuffer::getFile(Tree + "/" + Path);
      F.Existed = bool(B);
      if (B)
        F.Old = (*B)->getBuffer().str();
      if (!OldPath.empty() && !F.Existed)
        return makeLocatedError(loc(I - 2), Path + " is not in the tree " + Tree);
      Cur[Path] = lines(F.Old);
      Mark[Path].assign(Cur[Path].size(), false);
    }
    std::vector<std::string> &Text = Cur[Path];
    std::vector<bool> &Marks = Mark[Path];
    long Offset = 0;
    while (I < In.size() && llvm::StringRef(In[I]).starts_with("@@ ")) {
      size_t HunkLine = I;
      llvm::StringRef H(In[I]);
      auto Parts = H.drop_front(3).split(" @@").first;
      auto [OldR, NewR] = Parts.split(' ');
      unsigned OStart, OLen, NStart, NLen;
      if (!OldR.consume_front("-") || !NewR.consume_front("+") || !parseRange(OldR, OStart, OLen) ||
          !parseRange(NewR, NStart, NLen))
        return makeLocatedError(loc(I), "malformed hunk header '" + H.str() + "'");
      ++I;
      std::vector<std::string> Old, New;
      std::vector<bool> IsAdded;
      unsigned SeenOld = 0, SeenNew = 0;
      while (I < In.size() && (SeenOld < OLen || SeenNew < NLen)) {
        llvm::StringRef X(In[I]);
        if (X.starts_with("\\")) { // "\ No newline at end of file"
          ++I;
          continue;
        }
        char K = X.empty() ? ' ' : X[0];
        std::string Body = X.empty() ? "" : X.drop_front(1).str();
        if (K == ' ') {
          Old.push_back(Body);
          New.push_back(Body);
          IsAdded.push_back(false);
          ++SeenOld;
          ++SeenNew;
        } else if (K == '-') {
          Old.push_back(Body);
          ++SeenOld;
        } else if (K == '+') {
          New.push_back(Body);
          IsAdded.push_back(true);
          ++SeenNew;
        } else {
          return makeLocatedError(loc(I), "unexpected line in a hunk of " + Path);
        }
        ++I;
      }
      if (SeenOld != OLen || SeenNew != NLen)
        return makeLocatedError(loc(HunkLine), "hunk of " + Path + " ends early");
      // Where the old lines are: the stated line (after earlier hunks' shift), else the nearest.
      long Want = long(OLen ? OStart - 1 : OStart) + Offset;
      auto matches = [&](long At) {
        if (At < 0 || size_t(At) + Old.size() > Text.size())
          return false;
        return std::equal(Old.begin(), Old.end(), Text.begin() + At);
      };
      long At = -1;
      for (long D = 0; D <= long(Text.size()) && At < 0; ++D) {
        if (matches(Want - D))
          At = Want - D;
        else if (matches(Want + D))
          At = Want + D;
      }
      if (At < 0)
        return makeLocatedError(loc(HunkLine), "hunk '" + H.str() + "' does not apply to " + Path);
      Text.erase(Text.begin() + At, Text.begin() + At + Old.size());
      Text.insert(Text.begin() + At, New.begin(), New.end());
      Marks.erase(Marks.begin() + At, Marks.begin() + At + Old.size());
      Marks.insert(Marks.begin() + At, IsAdded.begin(), IsAdded.end());
      Offset += long(New.size()) - long(Old.size()) + (At - Want);
    }
    if (NewPath.empty())
      PS.Files[Path].Deleted = true;
  }
  if (PS.Files.empty())
    return makeError(InputName + ":1: error: no file diff found (expected '---'/'+++' headers and hunks)");
  if (!PS.Patches)
    PS.Patches = 1;
  for (auto &[Path, F] : PS.Files) {
    F.New = F.Deleted ? "" : join(Cur[Path]);
    for (size_t K = 0; K < Mark[Path].size(); ++K)
      if (Mark[Path][K])
        F.Added.insert(K + 1);
  }
  return PS;
}

llvm::Expected<PatchSet> applyPatchFiles(const std::string &Tree, const std::vector<std::string> &Inputs) {
  std::string All;
  for (const std::string &P : Inputs) {
    auto B = readInput(P, /*AllowStdin=*/true);
    if (!B)
      return B.takeError();
    All += (*B)->getBuffer();
    if (!All.empty() && All.back() != '\n')
      All += "\n";
  }
  std::string Name = Inputs.size() == 1 ? (Inputs[0] == "-" ? "<stdin>" : Inputs[0]) : "<patches>";
  return applyPatch(Tree, All, Name);
}

} // namespace dcalias::ci
