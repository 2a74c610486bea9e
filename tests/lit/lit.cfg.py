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
config.substitutions.append(("%fixtures", os.path.join(config.dcalias_src_dir, "fixtures")))
config.substitutions.append(("%snapshots", os.path.join(config.dcalias_src_dir, "kernel-snapshots")))
config.substitutions.append(("%src", config.dcalias_src_dir))
