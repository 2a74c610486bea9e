// dcalias merge: the shards of a sweep (`dcalias audit --shard I/N`) into what the unsharded
// audit writes, byte for byte, with its diagnostics and exit status.
#include "cli/Commands.h"

#include "report/AuditJson.h"
#include "report/AuditShard.h"
#include "report/AuditText.h"
#include "support/Diagnostics.h"
#include "support/ExitCode.h"
#include "support/Output.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace dcalias::cli {

static cl::list<std::string> Shards(cl::Positional, cl::desc("<shard.json>..."), cl::OneOrMore,
                                    cl::sub(MergeCmd), cl::cat(Category));
static cl::opt<std::string> Format("format", cl::desc("text | json (schema dcalias-audit/1), as audit writes them"),
                                   cl::init("text"), cl::sub(MergeCmd), cl::cat(Category));
static cl::opt<bool> Evidence("evidence", cl::desc("as audit --evidence"), cl::sub(MergeCmd), cl::cat(Category));
static cl::opt<std::string> Output("o", cl::desc("write the report here (default: stdout)"), cl::init("-"),
                                   cl::sub(MergeCmd), cl::cat(Category));

int runMerge() {
  if (Format != "text" && Format != "json") {
    errs() << "dcalias: error: --format must be text or json\n";
    return int(ExitCode::InputError);
  }
  std::vector<std::pair<std::string, std::string>> Texts;
  for (const std::string &F : Shards) {
    auto B = readInput(F, /*AllowStdin=*/true);
    if (!B)
      return failed(B.takeError());
    Texts.emplace_back(F, (*B)->getBuffer().str());
  }
  auto Sweep = report::mergeAuditShards(Texts);
  if (!Sweep)
    return failed(Sweep.takeError());
  int Rc = int(ExitCode::Clean);
  report::AuditRun Run;
  Run.TreeName = Sweep->TreeName;
  Run.KernelVersion = Sweep->KernelVersion;
  // What the unsharded audit printed while it modelled, in its order.
  for (report::ShardEntry &E : Sweep->Entries) {
    if (!E.Model) {
      reportError(errs(), createStringError(inconvertibleErrorCode(), E.Error));
      Rc = int(ExitCode::InputError);
      continue;
    }
    E.Model->Diags.print(errs());
    Run.Arches.push_back(std::move(E.Model->Audit));
  }
  if (Error E = writeOutput(Output, [&](raw_ostream &OS) {
        if (Format == "json")
          report::writeAuditJson(OS, Run);
        else
          report::writeAuditText(OS, Run, {Evidence});
        return Error::success();
      }))
    return failed(std::move(E));
  return Rc;
}

} // namespace dcalias::cli
