# lit configuration: command-line tests of dcalias (RUN lines + FileCheck).
import os
import lit.formats

config.name = "dcalias"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dcalias_bin_dir, "..", "tests", "lit-out")
config.excludes = ["Inputs"]

config.environment["PATH"] = os.pathsep.join(
    [config.dcalias_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
for var in ("HOME", "XDG_CACHE_HOME", "DCALIAS_SNAPSHOT_CACHE", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# One model cache for the whole run (archmodel/ModelCache.h), never the user's: the tests that
# audit the same snapshot share it, as the processes of a CI matrix would.
config.environment["DCALIAS_CACHE_DIR"] = os.path.join(config.test_exec_root, "model-cache")
# The patch series' author and date as a sender's git would give them (git var reads these
# first); the goldens (kernel-snapshots/golden/update.sh) are written with the same.
config.environment["GIT_AUTHOR_NAME"] = "A Developer"
config.environment["GIT_AUTHOR_EMAIL"] = "developer@example.org"
config.environment["SOURCE_DATE_EPOCH"] = "1700000000"
config.substitutions.append(("%fixtures", os.path.join(config.dcalias_src_dir, "fixtures")))
config.substitutions.append(("%snapshots", os.path.join(config.dcalias_src_dir, "kernel-snapshots")))
config.substitutions.append(("%src", config.dcalias_src_dir))

# The real kernel trees, fetched and verified by kernel-snapshots/fetch.sh (a failure to fetch
# fails the tests that use them; nothing is skipped).
import subprocess
def snapshot(name):
    env = os.environ.get("DCALIAS_SNAPSHOT_" + name.replace(".", "_"))
    if env:
        return env
    fetch = os.path.join(config.dcalias_src_dir, "kernel-snapshots", "fetch.sh")
    r = subprocess.run([fetch, name], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else "/nonexistent-snapshot-" + name
# Longer names first: lit substitutes in order, and %snapshot-6.1 is a prefix of %snapshot-6.12.
for name in ("5.10", "6.12", "6.1", "7.2"):
    config.substitutions.append(("%snapshot-" + name, snapshot(name)))
