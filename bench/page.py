#!/usr/bin/env python3
"""The status page of 1,000 generated plans: its size and the time until it is interactive
(the end of DOMContentLoaded, the page's script included) in headless Chromium, against the
same page without its script, run alternately in one browser.

Usage: bench/page.py [PLANLINT_BINARY] [RUNS]   (default target/release/planlint, 9 runs)
Needs Playwright and Chromium (`.ci/run` installs both; CHROMIUM names another browser).
Prints a Markdown report. Target (issue 23): under one second; the test suite asserts only the
ratio, which a loaded machine does not move.
"""
import os, re, statistics, subprocess, sys, tempfile

from playwright.sync_api import sync_playwright

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/planlint")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 9
HERE = os.path.dirname(os.path.abspath(__file__))


def interactive_ms(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto("file://" + path)
    page.wait_for_load_state("load")
    ms = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.close()
    return ms


with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "project")
    subprocess.run(["bash", os.path.join(HERE, "gen-corpus.sh"), "1000", os.path.join(project, "plans")],
                   stdout=subprocess.DEVNULL, check=True)
    subprocess.run(["git", "init", "-q", project], check=True)
    html = subprocess.run([BIN, "status", "--format", "html", "--stale", "30"], cwd=project,
                          capture_output=True, text=True).stdout
    full = os.path.join(tmp, "full.html")
    bare = os.path.join(tmp, "bare.html")
    with open(full, "w", encoding="utf-8") as f:
        f.write(html)
    with open(bare, "w", encoding="utf-8") as f:
        f.write(re.sub(r"<script\b.*?</script>", "", html, flags=re.S))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                    args=["--no-sandbox"])
        times = {"page": [], "without script": []}
        for _ in range(RUNS):
            times["page"].append(interactive_ms(browser, full))
            times["without script"].append(interactive_ms(browser, bare))
        browser.close()
    page, without = statistics.median(times["page"]), statistics.median(times["without script"])
    print("# Status page, 1,000 generated plans\n")
    print(f"- page size: {len(html.encode()) / 1e6:.2f} MB")
    print(f"- interactive (median of {RUNS}): {page:.0f} ms; the same page without its script: "
          f"{without:.0f} ms; ratio {page / without:.2f}")
    print(f"- target: under 1,000 ms — {'met' if page < 1000 else 'NOT met'}")
