#include "ci/PatchSet.h"

#include "support/Diagnostics.h"
#include "support/Output.h"
#include "support/TreeFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace dcalias::ci {

namespace {

std::vector<llvm::StringRef> lines(llvm::StringRef T) {
  llvm::SmallVector<llvm::StringRef, 0> Ls;
  T.split(Ls, '\n');
  if (!Ls.empty() && Ls.back().empty())
    Ls.pop_back();
  return {Ls.begin(), Ls.end()};
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

// A file's lines while a file diff is applied, with the marks of lines the patch added.
struct Image {
  std::vector<std::string> Lines;
  std::vector<bool> Marks;
  bool Present = false; // the file exists at this point of the patch
};

// One hunk as read: its header's numbers and its old and new sides.
struct Hunk {
  size_t HeaderLine;
  std::string Header;
  unsigned OStart, OLen, NStart, NLen;
  std::vector<llvm::StringRef> Old, New;
  std::vector<bool> IsAdded;
  unsigned Leading = 0, Trailing = 0; // context lines before the first and after the last change
};

class Reader {
public:
  Reader(const std::string &Tree, llvm::StringRef Input, const std::string &Name)
      : Tree(Tree), In(lines(Input)), Name(Name) {}

  llvm::Expected<PatchSet> run() {
    size_t MailStart = 0, MailDiffs = 0;
    std::string MailSubject;
    bool InMail = false;
    auto endMail = [&]() -> llvm::Error {
      // git am refuses a mail without a diff ("Patch is empty"); a series' cover letter
      // (PATCH 0/N) has none by design.
      if (InMail && !MailDiffs && !isCoverLetter(MailSubject))
        return err(MailStart, "mail '" + MailSubject + "' has no diff");
      return llvm::Error::success();
    };
    for (size_t I = 0; I < In.size();) {
      llvm::StringRef L = In[I];
      if (L.starts_with("From ") && (I == 0 || In[I - 1].empty()) && L.drop_front(5).contains(' ')) {
        if (llvm::Error E = endMail())
          return E;
        InMail = true;
        MailStart = I;
        MailDiffs = 0;
        MailSubject.clear();
        ++PS.Patches;
        ++I;
        continue;
      }
      if (InMail && MailSubject.empty() && L.starts_with("Subject: "))
        MailSubject = L.drop_front(9).str();
      if (L.starts_with("@@ "))
        return err(I, "patch fragment without header at line " + llvm::Twine(I + 1) + ": " + L);
      bool Git = L.starts_with("diff --git ");
      bool Plain = L.starts_with("--- ") && I + 1 < In.size() && In[I + 1].starts_with("+++ ");
      if (!Git && !Plain) {
        ++I;
        continue;
      }
      auto Next = Git ? gitDiff(I) : fileDiff(I, "", false);
      if (!Next)
        return Next.takeError();
      I = *Next;
      ++MailDiffs;
    }
    if (llvm::Error E = endMail())
      return E;
    if (PS.Files.empty())
      return makeError(Name + ":1: error: no file diff found (expected '---'/'+++' headers and hunks)");
    if (!PS.Patches)
      PS.Patches = 1;
    for (auto &[Path, F] : PS.Files) {
      Image &Im = Cur[Path];
      F.Deleted = F.Existed && !Im.Present;
      F.New.clear();
      if (Im.Present)
        for (const std::string &X : Im.Lines)
          (F.New += X) += '\n';
      for (size_t K = 0; K < Im.Marks.size(); ++K)
        if (Im.Marks[K])
          F.Added.insert(K + 1);
    }
    return std::move(PS);
  }

private:
  const std::string &Tree;
  std::vector<llvm::StringRef> In;
  const std::string &Name;
  PatchSet PS;
  std::map<std::string, Image> Cur; // each touched file as the patch so far left it

  llvm::Error err(size_t I, const llvm::Twine &Msg) {
    return makeLocatedError({Name, unsigned(I + 1), 0}, Msg);
  }

  static bool isCoverLetter(llvm::StringRef Subject) {
    size_t Open = Subject.find('[');
    if (Open == llvm::StringRef::npos)
      return false;
    llvm::StringRef Tag = Subject.drop_front(Open + 1).take_until([](char C) { return C == ']'; });
    // "[PATCH 0/3]", "[PATCH v2 00/12]", "[RFC PATCH 0/2]"
    size_t Slash = Tag.rfind('/');
    if (Slash == llvm::StringRef::npos)
      return false;
    llvm::StringRef Num = Tag.take_front(Slash);
    Num = Num.drop_front(Num.find_last_of(' ') + 1);
    return !Num.empty() && Num.find_first_not_of('0') == llvm::StringRef::npos;
  }

  // A header's path: "/dev/null" is none (""); "a/" or "b/" is stripped; what is left must name a
  // file of the tree the way git apply requires (no ".", "..", absolute path or symbolic link
  // on the way), else nothing outside the tree could be read or told apart by the result.
  llvm::Expected<std::string> headerPath(size_t I, llvm::StringRef P) {
    P = P.take_until([](char C) { return C == '\t'; }).rtrim();
    if (P == "/dev/null")
      return "";
    if (P.starts_with("a/") || P.starts_with("b/"))
      P = P.drop_front(2);
    std::string Norm;
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    P.split(Parts, '/', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef C : Parts) {
      if (C == "." || C == "..")
        return err(I, "invalid path '" + P + "'");
      Norm += (Norm.empty() ? "" : "/") + C.str();
    }
    if (Norm.empty() || P.starts_with("/"))
      return err(I, "invalid path '" + P + "'");
    // Every existing component must be what it says, not a link elsewhere.
    llvm::SmallString<256> Sofar(Tree);
    for (llvm::StringRef C : Parts) {
      llvm::sys::path::append(Sofar, C);
      llvm::sys::fs::file_status St;
      if (llvm::sys::fs::status(Sofar, St, /*follow=*/false))
        break;
      if (St.type() == llvm::sys::fs::file_type::symlink_file)
        return err(I, "affected file '" + Norm + "' is beyond a symbolic link");
    }
    return Norm;
  }

  // "diff --git a/X b/Y" and its extended headers, then the hunks if any. Returns the next line.
  llvm::Expected<size_t> gitDiff(size_t Start) {
    size_t I = Start + 1;
    std::string From, To;
    bool NewFile = false, Deleted = false, Rename = false, Copy = false, ModeOnly = false;
    for (; I < In.size(); ++I) {
      llvm::StringRef L = In[I];
      if (L.consume_front("rename from ") || L.consume_front("copy from ")) {
        From = L.str();
        (In[I].starts_with("rename") ? Rename : Copy) = true;
      } else if (L.consume_front("rename to ") || L.consume_front("copy to ")) {
        To = L.str();
      } else if (L.starts_with("new file mode ")) {
        NewFile = true;
      } else if (L.starts_with("deleted file mode ")) {
        Deleted = true;
      } else if (L.starts_with("old mode ") || L.starts_with("new mode ")) {
        ModeOnly = true;
      } else if (L.starts_with("index ") || L.starts_with("similarity index ") ||
                 L.starts_with("dissimilarity index ")) {
      } else if (L.starts_with("GIT binary patch") || L.starts_with("Binary files ")) {
        return err(I, "binary diff: dcalias reads text files only");
      } else {
        break;
      }
    }
    if (I + 1 < In.size() && In[I].starts_with("--- ") && In[I + 1].starts_with("+++ "))
      return fileDiff(I, Rename || Copy ? From : "", Copy);
    // No hunks: a creation or deletion of an empty file, a rename, a copy or a mode change,
    // named by the extended headers or the "diff --git" line.
    if (!(NewFile || Deleted || Rename || Copy || ModeOnly))
      return err(Start, "patch with only garbage at line " + llvm::Twine(Start + 1));
    llvm::StringRef Names = In[Start].drop_front(11);
    size_t B = Names.find(" b/");
    if (From.empty())
      From = B == llvm::StringRef::npos ? Names.str() : Names.take_front(B).str();
    if (To.empty())
      To = B == llvm::StringRef::npos ? Names.str() : Names.drop_front(B + 1).str();
    auto OldPath = headerPath(Start, NewFile ? "/dev/null" : llvm::StringRef(From));
    if (!OldPath)
      return OldPath.takeError();
    auto NewPath = headerPath(Start, Deleted ? "/dev/null" : llvm::StringRef(To));
    if (!NewPath)
      return NewPath.takeError();
    if (llvm::Error E = openAndApply(Start, *OldPath, *NewPath, Copy, {}))
      return E;
    return I;
  }

  // "---"/"+++" at I and the hunks after them. RenameFrom overrides the old side's name.
  llvm::Expected<size_t> fileDiff(size_t I, const std::string &RenameFrom, bool Copy) {
    auto OldPath = headerPath(I, RenameFrom.empty() ? In[I].drop_front(4) : llvm::StringRef("a/" + RenameFrom));
    if (!OldPath)
      return OldPath.takeError();
    auto NewPath = headerPath(I + 1, In[I + 1].drop_front(4));
    if (!NewPath)
      return NewPath.takeError();
    if (OldPath->empty() && NewPath->empty())
      return err(I, "a diff from /dev/null to /dev/null");
    size_t J = I + 2;
    if (J >= In.size() || !In[J].starts_with("@@ "))
      return err(J < In.size() ? J : I + 1, "patch with only garbage at line " + llvm::Twine(J + 1));
    std::vector<Hunk> Hunks;
    while (J < In.size() && In[J].starts_with("@@ ")) {
      auto H = readHunk(J);
      if (!H)
        return H.takeError();
      Hunks.push_back(std::move(*H));
    }
    // Hunk lines past a hunk's counts: the header's counts are wrong, not the lines ignorable.
    if (J < In.size()) {
      llvm::StringRef X = In[J];
      if ((X.starts_with("+") && !X.starts_with("+++ ")) ||
          (X.starts_with("-") && !X.starts_with("--- ") && X != "-- " && X != "--"))
        return err(J, "corrupt patch at line " + llvm::Twine(J + 1) +
                          ": a hunk line past its hunk's counts");
    }
    if (llvm::Error E = openAndApply(I, *OldPath, *NewPath, Copy, Hunks))
      return E;
    return J;
  }

  llvm::Expected<Hunk> readHunk(size_t &J) {
    Hunk H;
    H.HeaderLine = J;
    H.Header = In[J].str();
    llvm::StringRef Ranges = In[J].drop_front(3).split(" @@").first;
    auto [OldR, NewR] = Ranges.split(' ');
    if (!OldR.consume_front("-") || !NewR.consume_front("+") || !parseRange(OldR, H.OStart, H.OLen) ||
        !parseRange(NewR, H.NStart, H.NLen) || !In[J].drop_front(3).contains(" @@"))
      return err(J, "malformed hunk header '" + H.Header + "'");
    if (!H.OLen && !H.NLen)
      // git names the line after the header, where the hunk's lines should have been.
      return err(J, "corrupt patch at line " + llvm::Twine(J + 2) + ": a hunk of no lines");
    ++J;
    unsigned SeenOld = 0, SeenNew = 0;
    bool Changed = false;
    while (SeenOld < H.OLen || SeenNew < H.NLen) {
      if (J >= In.size())
        return err(J - 1, "corrupt patch at line " + llvm::Twine(J + 1) + ": the hunk '" + H.Header +
                              "' ends before its counts");
      llvm::StringRef X = In[J];
      if (X.starts_with("\\")) { // "\ No newline at end of file"
        ++J;
        continue;
      }
      char K = X.empty() ? ' ' : X[0];
      llvm::StringRef Body = X.empty() ? X : X.drop_front(1);
      if (K == ' ' && SeenOld < H.OLen && SeenNew < H.NLen) {
        H.Old.push_back(Body);
        H.New.push_back(Body);
        H.IsAdded.push_back(false);
        ++SeenOld;
        ++SeenNew;
        (Changed ? H.Trailing : H.Leading) += 1;
      } else if (K == '-' && SeenOld < H.OLen) {
        H.Old.push_back(Body);
        ++SeenOld;
        Changed = true;
        H.Trailing = 0;
      } else if (K == '+' && SeenNew < H.NLen) {
        H.New.push_back(Body);
        H.IsAdded.push_back(true);
        ++SeenNew;
        Changed = true;
        H.Trailing = 0;
      } else {
        return err(J, "corrupt patch at line " + llvm::Twine(J + 1));
      }
      ++J;
    }
    while (J < In.size() && In[J].starts_with("\\"))
      ++J;
    if (!Changed)
      H.Trailing = 0; // a hunk of context only: git counts it all as leading
    return H;
  }

  // Applies one file diff's hunks, in order, over the file as the patch so far left it: one
  // pass that copies what lies between hunks, so the cost is linear in the file and the diff.
  llvm::Error openAndApply(size_t I, const std::string &OldPath, const std::string &NewPath,
                           bool Copy, const std::vector<Hunk> &Hunks) {
    const std::string &Path = NewPath.empty() ? OldPath : NewPath;
    Image Src;
    if (!OldPath.empty()) {
      if (llvm::Error E = load(I, OldPath))
        return E;
      if (!Cur[OldPath].Present)
        return err(I, OldPath + ": does not exist in the tree");
      Src = Cur[OldPath];
    }
    if (!NewPath.empty() && NewPath != OldPath) {
      if (llvm::Error E = load(I, NewPath))
        return E;
      if (Cur[NewPath].Present)
        return err(I, NewPath + ": already exists in the tree");
    }
    if (!OldPath.empty() && NewPath != OldPath && !Copy)
      Cur[OldPath] = {};
    Image Out;
    size_t Cursor = 0;
    long Offset = 0;
    for (const Hunk &H : Hunks) {
      long Size = long(Src.Lines.size()), Len = long(H.Old.size());
      long Want = long(H.OLen ? H.OStart - 1 : H.OStart) + Offset;
      // git apply: a hunk at the start of the file must match there, and one without
      // trailing context must match at the end.
      bool AtBeginning = H.OStart <= 1, AtEnd = H.Trailing == 0;
      auto matches = [&](long At) {
        if (At < long(Cursor) || At + Len > Size)
          return false;
        if ((AtBeginning && At != 0) || (AtEnd && At + Len != Size))
          return false;
        for (long K = 0; K < Len; ++K)
          if (Src.Lines[At + K] != H.Old[K])
            return false;
        return true;
      };
      long At = -1;
      if (AtBeginning || AtEnd) {
        long Only = AtBeginning ? 0 : Size - Len;
        if (matches(Only))
          At = Only;
      } else {
        for (long D = 0; At < 0 && (Want - D >= long(Cursor) || Want + D + Len <= Size); ++D) {
          if (matches(Want - D))
            At = Want - D;
          else if (matches(Want + D))
            At = Want + D;
        }
      }
      if (At < 0)
        return err(H.HeaderLine, "hunk '" + H.Header + "' does not apply to " + Path);
      for (size_t K = Cursor; K < size_t(At); ++K) {
        Out.Lines.push_back(std::move(Src.Lines[K]));
        Out.Marks.push_back(Src.Marks[K]);
      }
      for (size_t K = 0; K < H.New.size(); ++K) {
        Out.Lines.push_back(H.New[K].str());
        Out.Marks.push_back(H.IsAdded[K]);
      }
      Cursor = size_t(At + Len);
      Offset = At - long(H.OLen ? H.OStart - 1 : H.OStart);
    }
    for (size_t K = Cursor; K < Src.Lines.size(); ++K) {
      Out.Lines.push_back(std::move(Src.Lines[K]));
      Out.Marks.push_back(Src.Marks[K]);
    }
    if (NewPath.empty() && !Out.Lines.empty())
      return err(I, "removal patch leaves " + OldPath + " with contents");
    Out.Present = !NewPath.empty();
    Cur[Path] = std::move(Out);
    return llvm::Error::success();
  }

  // The tree's text of Path, the first time the patch names it.
  llvm::Error load(size_t I, const std::string &Path) {
    if (Cur.count(Path))
      return llvm::Error::success();
    FileState &F = PS.Files[Path];
    llvm::SmallString<256> Full(Tree);
    llvm::sys::path::append(Full, Path);
    F.Existed = llvm::sys::fs::exists(Full);
    if (F.Existed) {
      auto B = readTreeFile(Tree, Path);
      if (!B)
        return err(I, messageAt(B.takeError(), {Path, 0, 0}));
      F.Old = (*B)->getBuffer().str();
    }
    Image &Im = Cur[Path];
    for (llvm::StringRef L : lines(F.Old))
      Im.Lines.push_back(L.str());
    Im.Marks.assign(Im.Lines.size(), false);
    Im.Present = F.Existed;
    return llvm::Error::success();
  }
};

} // namespace

llvm::Expected<PatchSet> applyPatch(const std::string &Tree, llvm::StringRef Input,
                                    const std::string &InputName) {
  return Reader(Tree, Input, InputName).run();
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
