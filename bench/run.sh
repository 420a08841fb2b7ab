#!/usr/bin/env bash
# planlint's benchmark: whole-process wall time (median of several runs, pairs alternated),
# peak memory and instruction counts of planlint against a comrak parse-only baseline built in
# the same run, and against rumdl and markdownlint-cli2 when they are installed.
#
# Usage: bench/run.sh [SIZES...]          (default: 1 100 1000 10000)
# Environment:
#   RUNS=7                 timed runs per tool and size (the median is reported)
#   CALLGRIND_N=10000      corpus size for instruction counts (0: skip; needs valgrind)
#   BENCH_DIR=target/bench where corpora are generated
#   RUMDL=rumdl MDL=markdownlint-cli2   the other tools (skipped when not found)
#
# Prints a Markdown report on standard output (BENCHMARKS.md is such a report).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1 100 1000 10000); fi
RUNS="${RUNS:-7}"
CALLGRIND_N="${CALLGRIND_N:-10000}"
BENCH_DIR="${BENCH_DIR:-target/bench}"
RUMDL="${RUMDL:-rumdl}"
MDL="${MDL:-markdownlint-cli2}"

cargo build --release --quiet -p planlint -p planlint-bench
PLANLINT="$PWD/target/release/planlint"
BASELINE="$PWD/target/release/parse-only"
mkdir -p "$BENCH_DIR"
for n in "${SIZES[@]}"; do
  if [ ! -d "$BENCH_DIR/corpus-$n" ]; then
    bash bench/gen-corpus.sh "$n" "$BENCH_DIR/corpus-$n" >/dev/null
  fi
done

exec python3 - "$PLANLINT" "$BASELINE" "$BENCH_DIR" "$RUNS" "$CALLGRIND_N" "$RUMDL" "$MDL" "${SIZES[@]}" <<'PY'
import os, platform, re, shutil, statistics, subprocess, sys, time

planlint, baseline, bench_dir, runs, callgrind_n, rumdl, mdl = sys.argv[1:8]
sizes = [int(s) for s in sys.argv[8:]]
runs, callgrind_n = int(runs), int(callgrind_n)

GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None

def run(cmd, cwd):
    """Wall time (s) of one whole process."""
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, 0

def peak_kib(cmd, cwd):
    """Peak RSS of the process itself (GNU time; a forked Python child would count Python's)."""
    if GNU_TIME:
        p = subprocess.run([GNU_TIME, "-f", "%M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "0"
        return int(last) if last.isdigit() else 0
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return os.wait4(p.pid, 0)[2].ru_maxrss

def bytes_of(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".md"))

tools = {
    "planlint": lambda d: [planlint, "--format", "concise", "-q", d],
    "planlint (human)": lambda d: [planlint, "-q", d],
    "planlint 1 thread": lambda d: [planlint, "--threads", "1", "--format", "concise", "-q", d],
    "parse-only (1 thread)": lambda d: [baseline, d],
}
if shutil.which(rumdl):
    tools["rumdl"] = lambda d: [rumdl, "check", "--no-cache", d]
if shutil.which(mdl):
    tools["markdownlint-cli2"] = lambda d: [mdl, d + "/*.md"]
trivial = ["/bin/true"]

def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "?"

print("# Benchmark run\n")
print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
print(f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
print(f"- planlint: {version([planlint, '--version'])}; rustc: {version(['rustc', '--version'])}")
if "rumdl" in tools: print(f"- rumdl: {version([rumdl, '--version'])}")
if "markdownlint-cli2" in tools: print(f"- markdownlint-cli2: {version([mdl, '--help'])}")
print(f"- command: `bench/run.sh {' '.join(map(str, sizes))}` (RUNS={runs}, CALLGRIND_N={callgrind_n})")
print("- wall time: median of the runs, tools alternated run by run (markdownlint-cli2: one run); memory: peak RSS\n")

print("| plans | MB | tool | median ms | peak MiB | × parse-only |")
print("|---:|---:|---|---:|---:|---:|")
def linted_all(d):
    """planlint must lint every plan of the corpus, or a ratio compares different work (session
    5's figure did: a name rule passed over 7 % of the generated plans)."""
    out = subprocess.run([planlint, "--format", "concise", d], capture_output=True, text=True).stdout
    m = re.search(r" in (\d+) files?", out.strip().splitlines()[-1] if out.strip() else "")
    files = len([f for f in os.listdir(d) if f.endswith(".md")])
    if not m or int(m.group(1)) != files:
        sys.exit(f"planlint linted {m.group(1) if m else '?'} of the {files} plans in {d}: fix the scope first")

for n in sizes:
    d = os.path.join(bench_dir, f"corpus-{n}")
    linted_all(d)
    times = {t: [] for t in tools}
    mem = {t: 0 for t in tools}
    true_times = []
    for i in range(runs):
        for name, cmd in tools.items():
            if name == "markdownlint-cli2" and i > 0:
                continue  # about a hundred times slower: one run is enough to place it
            w, _ = run(cmd(d), ".")
            times[name].append(w)
        true_times.append(run(trivial, ".")[0])
    for name, cmd in tools.items():
        mem[name] = peak_kib(cmd(d), ".")
    base = statistics.median(times["parse-only (1 thread)"])
    for name in tools:
        m = statistics.median(times[name])
        print(f"| {n} | {bytes_of(d)/1e6:.1f} | {name} | {m*1000:.1f} | {mem[name]/1024:.1f} | {m/base:.2f} |")
    t = statistics.median(true_times)
    print(f"| {n} | | `/bin/true` | {t*1000:.1f} | | |")
print()

if callgrind_n and shutil.which("valgrind"):
    d = os.path.join(bench_dir, f"corpus-{callgrind_n}")
    if not os.path.isdir(d):
        subprocess.run(["bash", "bench/gen-corpus.sh", str(callgrind_n), d], stdout=subprocess.DEVNULL, check=True)
    linted_all(d)
    def instructions(cmd):
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Collected : (\d+)", p.stderr)
        return int(m.group(1)) if m else None
    pl = instructions([planlint, "--threads", "1", "--format", "concise", "-q", d])
    bl = instructions([baseline, d])
    print(f"Instructions on {callgrind_n} plans (callgrind, one thread): planlint {pl:,}, "
          f"parse-only {bl:,}, ratio {pl/bl:.2f}.")
PY
