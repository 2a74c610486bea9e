// support/Progress.h: a progress line on stderr for work that takes more than a second.
//
// Contract: "dcalias <what>: N/M <unit>" rewritten in place (carriage return) on stderr, only
// when stderr is a terminal and only once a second has passed, so short runs, pipes and CI
// logs see nothing of it; cleared when done. tick() may be called from several threads.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace dcalias {

class Progress {
public:
  Progress(std::string What, unsigned Total, std::string Unit);
  ~Progress(); // clears the line if one was drawn
  void tick();

private:
  std::string What, Unit;
  unsigned Total;
  std::atomic<unsigned> Done{0};
  std::chrono::steady_clock::time_point Start;
  bool Enabled;
  bool Drawn = false;
  std::mutex Lock;
};

} // namespace dcalias
