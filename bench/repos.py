#!/usr/bin/env python3
"""planlint on whole real repositories, as a user meets it: `planlint`, `planlint status` and
`planlint contract` with no configuration at each repository's root.

Usage: bench/repos.py [--planlint BIN] [--expected FILE] [--repos DIR] [--only NAME]

Unpacks ../shared/corpus/repos (unpack.sh) into a temporary folder unless --repos names one
already laid out, then prints per repository: plans in scope, Markdown files in plan places
skipped and why, the spec and the required sections read, errors per rule and warnings per plan.
With --expected (bench/repos-expected.json: what each repository's own documents make a plan
and its spec), it also prints the plans missed and the files linted that are not plans.
Not part of `cargo test`: the corpus lives outside the repository."""
import argparse, collections, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def run(binary, args, cwd):
    cp = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    return cp.returncode, cp.stdout, cp.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planlint", default=os.path.join(root, "target/release/planlint"))
    ap.add_argument("--expected", default=os.path.join(here, "repos-expected.json"))
    ap.add_argument("--repos", help="a folder where unpack.sh already laid the repositories out")
    ap.add_argument("--only", help="one repository (owner__name)")
    ap.add_argument("--errors", action="store_true", help="print every error line too")
    a = ap.parse_args()
    repos = a.repos
    if not repos:
        src = os.path.join(root, "..", "shared", "corpus", "repos")
        if not os.path.isdir(src):
            sys.exit("no ../shared/corpus/repos here: give --repos DIR")
        repos = tempfile.mkdtemp(prefix="planlint-repos-")
        subprocess.run(["bash", os.path.join(src, "unpack.sh"), repos], check=True,
                       stdout=subprocess.DEVNULL)
    expected = {}
    if a.expected and os.path.exists(a.expected):
        expected = json.load(open(a.expected))
    totals = collections.Counter()
    crashed = []
    for name in sorted(os.listdir(repos)):
        path = os.path.join(repos, name)
        if not os.path.isdir(path) or (a.only and name != a.only):
            continue
        rc, out, err = run(a.planlint, ["--format", "json"], path)
        print(f"## {name}")
        if rc not in (0, 1, 2):
            crashed.append(f"{name}: exit {rc}: {err.strip()[:200]}")
        try:
            report = json.loads(out)
        except ValueError:
            print(f"  exit {rc}: {err.strip().splitlines()[0] if err.strip() else '(no output)'}")
            report = {"diagnostics": [], "summary": {"files": 0, "errors": 0, "warnings": 0}}
        rc_s, sout, _ = run(a.planlint, ["status", "--format", "json", "--skipped"], path)
        if rc_s == 2 and not sout:
            # A binary from before `--skipped` (for comparisons).
            _, sout, _ = run(a.planlint, ["status", "--format", "json"], path)
        try:
            status = json.loads(sout)
        except ValueError:
            status = {"plans": [], "skipped": []}
        linted = sorted(p["path"] for p in status.get("plans", []))
        skipped = status.get("skipped", [])
        _, cout, _ = run(a.planlint, ["contract", "--format", "json"], path)
        try:
            contract = json.loads(cout)
        except ValueError:
            contract = {}
        spec = (contract.get("spec") or {}).get("path", "none")
        required = [r["name"] for r in contract.get("required_sections", [])]
        print(f"  exit {rc}; plans in scope {len(linted)}; skipped {len(skipped)}; spec {spec}")
        print(f"  required: {', '.join(required) or '(none)'}")
        for s in skipped:
            print(f"    skipped {s['path']}: {s['reason']}")
        errors = collections.Counter(d["rule"] for d in report["diagnostics"] if d["severity"] == "error")
        warns = collections.Counter(d["file"] for d in report["diagnostics"] if d["severity"] == "warning")
        print(f"  errors: {report['summary']['errors']} {dict(sorted(errors.items()))}")
        print(f"  warnings: {report['summary']['warnings']} over {len(warns)} plans")
        if a.errors:
            for d in report["diagnostics"]:
                if d["severity"] == "error":
                    print(f"    {d['file']}:{d['line']} {d['rule']}: {d['message']}")
        totals["errors"] += report["summary"]["errors"]
        totals["plans"] += len(linted)
        exp = expected.get(name)
        if exp:
            want = set(exp["plan"])
            got = set(linted)
            missed, extra = sorted(want - got), sorted(got - want)
            totals["missed"] += len(missed)
            totals["extra"] += len(extra)
            for m in missed:
                print(f"    MISSED {m}")
            for x in extra:
                print(f"    NOT A PLAN {x}")
            if exp.get("spec", "none") != spec:
                totals["spec"] += 1
                print(f"    SPEC expected {exp.get('spec')}, read {spec}")
    print(f"# total: plans {totals['plans']}, errors {totals['errors']}, missed {totals['missed']}, "
          f"not plans linted {totals['extra']}, specs wrong {totals['spec']}")
    if crashed:
        sys.exit("planlint did not finish cleanly on: " + "; ".join(crashed))


if __name__ == "__main__":
    main()
