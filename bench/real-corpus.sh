#!/usr/bin/env bash
# The real plans gathered from public repositories, linted at once with zero configuration:
# never a crash, exit 0 or 1, at least 50 files reported. The corpus is not kept in this
# repository (its text belongs to its authors), so this is a script, not a `cargo test`: it
# fails, never skips, when the corpus is missing.
#
# Usage: bench/real-corpus.sh CORPUS_REAL_DIR   (a folder of *.md plans; flat is fine, every
# file is named on the command line)
set -euo pipefail
real="${1:?usage: bench/real-corpus.sh CORPUS_REAL_DIR}"
here="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p planlint
bin="${CARGO_TARGET_DIR:-$here/target}/release/planlint"
cd "$real"
shopt -s nullglob
files=(*.md)
set +e
"$bin" --format json "${files[@]}" >/tmp/planlint-real-corpus.json 2>/tmp/planlint-real-corpus.err
code=$?
set -e
if [[ $code -ne 0 && $code -ne 1 ]]; then
  echo "planlint exited $code over the real corpus" >&2; cat /tmp/planlint-real-corpus.err >&2; exit 1
fi
if grep -q panicked /tmp/planlint-real-corpus.err; then
  echo "planlint panicked over the real corpus" >&2; exit 1
fi
python3 - <<'PY'
import json, sys
n = json.load(open("/tmp/planlint-real-corpus.json"))["summary"]["files"]
if n < 50:
    sys.exit(f"only {n} files reported")
print(f"real corpus: {n} files, no crash")
PY
