#!/usr/bin/env bash
# Installs everything dcalias needs on Debian 12 (bookworm), and nothing else.
# Idempotent: packages already present are left alone; safe to re-run.
set -euo pipefail

pkgs=(
  # build
  cmake ninja-build g++ pkg-config
  # Clang/LLVM 19 (shared libclang-cpp + libLLVM), FileCheck/not/lit
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
  # libFuzzer and sanitizer runtimes for the fuzz targets
  libclang-rt-19-dev
  # libraries
  nlohmann-json3-dev doctest-dev zlib1g-dev libzstd-dev libedit-dev libcurl4-openssl-dev
  # kernel snapshots and the Kconfig oracle (make ... defconfig builds scripts/kconfig/conf)
  xz-utils dpkg-dev make gcc flex bison bc git ca-certificates
  # make prepare of a snapshot for the DAX lint (objtool needs libelf; certs need openssl)
  libelf-dev libssl-dev
  # git send-email --dry-run reads the series' recipients (tests/lit/patch-snapshot.test)
  git-email libmailtools-perl
  # the CI subset of the patch series cross builds (tests/lit/cross-build.test)
  gcc-arm-linux-gnueabi
  # the HTML report is rendered headless in the tests
  chromium
  # SARIF validation in the tests (scripts/install-sarif-validator.sh installs the multitool)
  npm
  # the SAT solver behind DAX reachability (kconfig/Reachability.h)
  libz3-dev
  # lit runs under Debian's python; JSON reports are validated against their schema
  python3 python3-jsonschema
  # the trees' own scripts/kconfig/tests run under pytest (kernel-snapshots/kconfig-selftests.sh)
  python3-pytest
  # bench/kconfig-defconfigs.sh compares with Kconfiglib (patched in a scratch copy)
  python3-kconfiglib
  # the README's GNU parallel recipe for a sharded sweep is run by tests/lit/audit-shard.test
  parallel
)

missing=()
for p in "${pkgs[@]}"; do
  # npm may come with another nodejs build (NodeSource's bundles it): a working npm command
  # is enough, and Debian's npm package would conflict with that nodejs.
  if [ "$p" = npm ] && command -v npm > /dev/null 2>&1; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  # Lock-wait so two concurrent runs (CI + a developer) serialise instead of failing.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present" >&2
fi
