#!/usr/bin/env bash
# Fuzz reflow for FUZZ_SECONDS (default 60) if atheris is installed; exit non-zero on a crash.
# FUZZ_SEED (default 1) fixes libFuzzer's random choices and FUZZ_RUNS (default: no limit) the
# number of inputs, so that runs explore nearly the same inputs on every machine, however fast
# (not exactly: coverage differs a little between runs of the same seed); tests/test_fuzz.py.
#
# The seed corpus (fuzz/corpus) is read, never written: new inputs go to a temporary folder.
# A crashing input is kept as $FUZZ_ARTIFACTS/crash-<sha1> (default: a temporary folder, printed)
# and libFuzzer prints it in base64 in the log too, so a CI log alone is enough to reproduce it:
#   python fuzz/fuzz_reflow.py path/to/crash-<sha1>
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

if ! "$PYTHON" -c "import atheris" 2>/dev/null; then
    echo "fuzz: atheris is not installed (pip install atheris): skipped"
    exit 0
fi

work="$(mktemp -d)"
artifacts="${FUZZ_ARTIFACTS:-}"
if [ -z "$artifacts" ]; then
    artifacts="$(mktemp -d)"
    own_artifacts=1
fi
mkdir -p "$artifacts"
trap 'rm -rf "$work"' EXIT

# -timeout: an input that takes this long counts as a crash (a hang, or quadratic time);
# -max_len: pages, not novels, so that each run stays fast.
status=0
"$PYTHON" fuzz/fuzz_reflow.py -max_total_time="${FUZZ_SECONDS:-60}" -timeout="${FUZZ_TIMEOUT:-25}" \
    -seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:--1}" \
    -max_len=4096 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" fuzz/corpus || status=$?

if [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED (exit $status); crashing inputs in $artifacts:"
    ls -l "$artifacts"
else
    echo "fuzz: no crash (at most ${FUZZ_SECONDS:-60} s, ${FUZZ_RUNS:-unlimited} runs)"
    if [ -n "${own_artifacts:-}" ]; then rm -rf "$artifacts"; fi
fi
exit "$status"
