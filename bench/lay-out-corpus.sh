#!/usr/bin/env bash
# Lay the real-plan corpus out as the repositories it came from: for each row of SOURCES.tsv,
# OUT/<owner>__<repo>/<path> (with a `.git` folder marking the root), so planlint sees each plan
# where its project keeps it, beside that project's spec where the corpus has one.
#
# Usage: bench/lay-out-corpus.sh CORPUS_DIR OUT_DIR   (CORPUS_DIR holds SOURCES.tsv and real/)
# Then, for example: for r in OUT/*/; do (cd "$r" && planlint --format concise); done
set -euo pipefail
corpus="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
python3 - "$corpus" "$out" <<'PY'
import csv, os, shutil, sys
corpus, out = sys.argv[1:3]
with open(os.path.join(corpus, "SOURCES.tsv"), newline="") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        repo, path = row["repo"], row["path"]
        if "/" not in repo or path.startswith("("):
            repo, path = "unknown__" + row["file"][:-3], "plans/" + row["file"]
        root = os.path.join(out, repo.replace("/", "__"))
        os.makedirs(os.path.join(root, ".git"), exist_ok=True)
        dest = os.path.join(root, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(os.path.join(corpus, "real", row["file"]), dest)
PY
