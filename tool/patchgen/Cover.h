// patchgen/Cover.h: the 0/N cover letter of a series, as git format-patch --cover-letter
// places it, with the blurb written from the model instead of "*** BLURB HERE ***".
//
// Contract: from the series and the models it came from: the problem, one line per arch
// (verdict, CPU types by outcome, the select and its condition), DAX reachability per arch
// (SAT over its Kconfig), what was not patched and why, how to reproduce it; then the
// shortlog and the diffstat of the whole series. Reads nothing; states only what the series
// and the models hold.
#pragma once

#include "patchgen/Series.h"

#include <string>

namespace dcalias::patchgen {

// Subject (without "[PATCH 0/N]") and blurb of the cover letter.
Patch coverLetter(const SeriesOptions &O, const Series &S, const std::vector<ArchInput> &Arches);

// The cover letter's mbox text: header, blurb, shortlog, diffstat of every patch together.
std::string formatCover(const SeriesOptions &O, const Series &S);

} // namespace dcalias::patchgen
