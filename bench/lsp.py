#!/usr/bin/env python3
"""Language server latency and memory: from `didChange` to `publishDiagnostics` for a 50 KB and
a 500 KB plan (history rules on: the plan is committed, so every lint compares with HEAD), the
memory of a server holding 200 open plans, and with those 200 open, from a reload (a changed
`planlint.toml`) and a keystroke to that keystroke's diagnostics.

Usage: bench/lsp.py [PLANLINT_BINARY]   (default target/release/planlint; build it first)
Prints a Markdown report. Each change is a one-character insertion sent as an incremental edit,
as editors send them; the clock runs from writing the change to reading its diagnostics.
"""
import json, os, statistics, subprocess, sys, tempfile, time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/planlint")
HERE = os.path.dirname(os.path.abspath(__file__))


class Client:
    def __init__(self, root):
        self.p = subprocess.Popen([BIN, "server"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.id = 0

    def send(self, method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.id += 1
            msg["id"] = self.id
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def recv(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += self.p.stdout.read(1)
        n = int(header.split(b":")[1].split(b"\r\n")[0])
        return json.loads(self.p.stdout.read(n))

    def wait_diagnostics(self):
        while True:
            m = self.recv()
            if m.get("method") == "textDocument/publishDiagnostics":
                return m

    def close(self):
        self.send("shutdown", None, request=True)
        self.send("exit", None)
        self.p.wait(timeout=10)


def plan(size):
    lines = ["# A plan of %d KB" % (size // 1024), "", "## Purpose / Big Picture", "", "Measure the server.", "", "## Progress", ""]
    i = 0
    while sum(len(l) + 1 for l in lines) < size:
        lines.append("- [x] (2025-%02d-%02d %02d:%02dZ) Step %d of the work, described in a sentence or two as real plans do." % (1 + i // 40000 % 12, 1 + i // 1440 % 28, i // 60 % 24, i % 60, i))
        i += 1
    lines += ["", "## Surprises & Discoveries", "", "None.", "", "## Decision Log", "", "- Decision: measure.", "  Rationale: targets.", "", "## Outcomes & Retrospective", "", "Measured.", ""]
    return "\n".join(lines)


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=b", "-c", "user.email=b@b.invalid", "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


def latency(size, runs=40):
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "plans"))
        text = plan(size)
        path = os.path.join(root, "plans", "big.md")
        open(path, "w").write(text)
        git(root, "init", "-q"); git(root, "add", "-A"); git(root, "commit", "-q", "-m", "plan")
        c = Client(root)
        c.send("initialize", {"capabilities": {}, "rootUri": "file://" + root}, request=True)
        c.recv()
        uri = "file://" + path
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        c.wait_diagnostics()
        lines = text.split("\n")
        last = len(lines) - 2
        times = []
        for v in range(2, runs + 2):
            change = {"range": {"start": {"line": last, "character": 0}, "end": {"line": last, "character": 0}}, "text": "x"}
            t = time.perf_counter()
            c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]})
            c.wait_diagnostics()
            times.append((time.perf_counter() - t) * 1000)
        c.close()
        return len(text), statistics.median(times), max(times)


def memory(count=200):
    with tempfile.TemporaryDirectory() as root:
        subprocess.run(["bash", os.path.join(HERE, "gen-corpus.sh"), str(count), os.path.join(root, "plans")], check=True, capture_output=True)
        os.makedirs(os.path.join(root, ".git"))
        c = Client(root)
        c.send("initialize", {"capabilities": {}, "rootUri": "file://" + root}, request=True)
        c.recv()
        names = sorted(os.listdir(os.path.join(root, "plans")))[:count]
        total = 0
        for i, name in enumerate(names):
            path = os.path.join(root, "plans", name)
            text = open(path).read()
            total += len(text)
            c.send("textDocument/didOpen", {"textDocument": {"uri": "file://" + path, "languageId": "markdown", "version": 1, "text": text}})
        for _ in names:
            c.wait_diagnostics()
        status = open("/proc/%d/status" % c.p.pid).read()
        rss = int([l for l in status.splitlines() if l.startswith("VmRSS")][0].split()[1]) // 1024
        hwm = int([l for l in status.splitlines() if l.startswith("VmHWM")][0].split()[1]) // 1024
        # A reload, then a keystroke in one plan: the time to that plan's diagnostics.
        typed = "file://" + os.path.join(root, "plans", names[-1])
        reloads = []
        for v in range(2, 12):
            t = time.perf_counter()
            c.send("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://" + root + "/planlint.toml", "type": 2}]})
            change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}
            c.send("textDocument/didChange", {"textDocument": {"uri": typed, "version": v}, "contentChanges": [change]})
            while c.wait_diagnostics()["params"]["uri"] != typed:
                pass
            reloads.append((time.perf_counter() - t) * 1000)
            # Let the other 199 be linted again before the next reload.
            for _ in range(len(names) - 1):
                c.wait_diagnostics()
        c.close()
        return len(names), total, rss, hwm, statistics.median(reloads)


print("| plan | bytes | median ms didChange → publishDiagnostics | max ms |")
print("|---|---:|---:|---:|")
for size in (50 * 1024, 500 * 1024):
    n, med, mx = latency(size)
    print("| %d KB | %d | %.2f | %.2f |" % (size // 1024, n, med, mx))
n, total, rss, hwm, reload = memory()
print()
print("Memory with %d plans open (%.1f MB of text): %d MiB resident, %d MiB peak." % (n, total / 1e6, rss, hwm))
print("With them open, a reload and a keystroke: %.2f ms (median of 10) to that keystroke's diagnostics." % reload)
