#!/usr/bin/env python3
"""`planlint new` against every real spec and every real repository: the plan `new` writes must
pass `planlint --deny-warnings` under the contract that applies where it lands.

Usage: bench/new-corpus.py [--planlint BIN] [--corpus DIR] [--repos DIR] [--only NAME]

For each `spec-*.md` of CORPUS/real, a scratch repository holds just that spec at the path
SOURCES.tsv gives for it (a `.git` folder marks the root). For each repository (DIR/<owner>__<name>
if --repos names a folder already unpacked, else CORPUS/repos/*.tar.gz unpacked), a copy in a
temporary folder: nothing is written where the corpus lies. In each, `planlint new TITLE` runs at
the root for an English and a Japanese title, then `planlint --deny-warnings` on the plan
written. Prints one line per case and the failures with their findings; exits 1 if any failed.
Not part of `cargo test`: the corpus lives outside the repository."""
import argparse, csv, os, re, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
TITLES = ["Add CSV export to reports", "検索結果のキャッシュを追加する"]


def run(args, cwd):
    cp = subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                        env={**os.environ, "NO_COLOR": "1"})
    return cp.returncode, cp.stdout, cp.stderr


def check(binary, repo, name, show=False):
    """`new` then `--deny-warnings` in `repo` for each title; a list of failure texts."""
    failures = []
    for title in TITLES:
        rc, out, err = run([binary, "new", title], repo)
        if rc != 0:
            failures.append(f"new {title!r}: exit {rc}: {err.strip()[:300]}")
            continue
        m = re.search(r"wrote (.+)", out)
        if not m:
            failures.append(f"new {title!r}: no `wrote` line: {out.strip()[:200]}")
            continue
        plan = m.group(1).strip()
        if show:
            print(f"==> {plan}\n" + open(os.path.join(repo, plan)).read())
        rc, out, err = run([binary, "--deny-warnings", "--format", "concise", plan], repo)
        if rc != 0:
            findings = (out + err).strip().splitlines()
            failures.append(f"{plan}: exit {rc}\n      " + "\n      ".join(findings[:12]))
        elif "panicked" in err:
            failures.append(f"{plan}: panicked")
    status = "ok  " if not failures else "FAIL"
    print(f"{status} {name}")
    for f in failures:
        print(f"    {f}")
    return not failures


def specs(corpus):
    """(name, path in its repository) of each real spec."""
    with open(os.path.join(corpus, "SOURCES.tsv"), newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["file"].startswith("spec-"):
                yield row["file"], row["path"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planlint", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "release", "planlint"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    ap.add_argument("--repos", help="a folder of repositories already unpacked (copied, never written)")
    ap.add_argument("--only", help="one spec file or repository name")
    ap.add_argument("--show", action="store_true", help="print each plan `new` wrote")
    a = ap.parse_args()
    binary = os.path.abspath(a.planlint)
    if not os.path.isdir(a.corpus):
        sys.exit(f"no corpus at {a.corpus}: give --corpus DIR")
    scratch = tempfile.mkdtemp(prefix="planlint-new-")
    passed = failed = 0
    try:
        for name, path in specs(a.corpus):
            if a.only and a.only != name:
                continue
            repo = os.path.join(scratch, "spec", name[:-3])
            os.makedirs(os.path.join(repo, ".git"))
            dest = os.path.join(repo, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(os.path.join(a.corpus, "real", name), dest)
            # A spec kept where no project keeps its own (a tool's template of one) is laid out
            # where a project using it would keep it.
            _, out, _ = run([binary, "contract", "--format", "json"], repo)
            if '"spec": null' in out:
                os.remove(dest)
                path = ".agent/PLANS.md"
                os.makedirs(os.path.join(repo, ".agent"), exist_ok=True)
                shutil.copyfile(os.path.join(a.corpus, "real", name), os.path.join(repo, path))
            ok = check(binary, repo, f"spec {name} (at {path})", a.show)
            passed, failed = passed + ok, failed + (not ok)
        copies = os.path.join(scratch, "repos")
        if a.repos:
            for n in sorted(os.listdir(a.repos)):
                src = os.path.join(a.repos, n)
                if os.path.isdir(src) and (not a.only or a.only == n):
                    shutil.copytree(src, os.path.join(copies, n), symlinks=True)
        else:
            os.makedirs(copies)
            subprocess.run(["bash", os.path.join(a.corpus, "repos", "unpack.sh"), copies],
                           check=True, stdout=subprocess.DEVNULL)
        for n in sorted(os.listdir(copies)):
            if a.only and a.only != n:
                continue
            ok = check(binary, os.path.join(copies, n), f"repo {n}", a.show)
            passed, failed = passed + ok, failed + (not ok)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"# new-corpus: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
