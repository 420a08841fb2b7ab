#!/usr/bin/env bash
# Run every fuzz target for a bounded time: fuzz/run.sh [SECONDS_PER_TARGET] (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Works on stable Rust without sanitizers
# (`--sanitizer none`); the seed corpus is every plan under fixtures/ (and every TOML under
# the configuration tests for `config`). Prints the executions per target.
set -euo pipefail
cd "$(dirname "$0")"
SECS="${1:-600}"
mkdir -p corpus/parse corpus/lint corpus/fix corpus/config corpus/server corpus/spec
for t in parse lint fix spec; do
  find ../fixtures -name '*.md' -exec cp {} "corpus/$t/" \;
done
# The spec target also starts from the spec shapes the contract tests lay out.
find ../crates/planlint/tests/specs -name '*.md' -exec sh -c 'cp "$1" "corpus/spec/$(echo "$1" | tr / _)"' _ {} \;
printf 'dialect = "canonical"\n[rules]\nplaceholder = "off"\n' > corpus/config/seed1.toml
printf 'include = ["plans/**"]\n[[overrides]]\nfiles = ["plans/book/**"]\ndialect = "numbered"\n' > corpus/config/seed2.toml
for t in parse lint fix config server spec; do
  echo "== $t (${SECS}s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$t" "corpus/$t" -- \
    -max_total_time="$SECS" -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|panicked|Done" || true
done
