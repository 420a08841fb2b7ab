"""The status page of a folder of real plans (the corpus check): every plan is one element with
the numbers of `status --format json`, the filters narrow it, and the browser logs no error and
makes no request. Run by the ignored test in `tests/status_page.rs` with PLANLINT_BIN, CHROMIUM,
CORPUS (the folder) and ARTIFACTS set; `.ci/run` runs it when `../shared/corpus/real` is there.
"""

import json
import os
import subprocess

from playwright.sync_api import sync_playwright


def test_the_real_plans_page():
    bin_, corpus = os.environ["PLANLINT_BIN"], os.environ["CORPUS"]
    run = lambda *a: subprocess.run([bin_, "status", *a, corpus], capture_output=True, text=True)
    html, rows = run("--format", "html", "--stale", "30"), run("--format", "json", "--stale", "30")
    assert html.returncode in (0, 1), html.stderr
    rows = json.loads(rows.stdout)["plans"]
    path = os.path.join(os.environ["ARTIFACTS"], "corpus.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html.stdout)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=os.environ["CHROMIUM"], args=["--no-sandbox"])
        page = b.new_page(viewport={"width": 1280, "height": 900})
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto("file://" + path)
        page.wait_for_selector("html[data-ready=true]")
        plans = page.locator("li.plan")
        assert plans.count() == len(rows) > 0
        for i, row in enumerate(rows):
            el = plans.nth(i)
            assert el.get_attribute("data-plan") == row["path"]
            assert int(el.get_attribute("data-boxes-checked")) == row["boxes_checked"]
            assert int(el.get_attribute("data-boxes-total")) == row["boxes_total"]
            assert int(el.get_attribute("data-entries")) == row["progress_entries"]
        page.select_option("#f-status", "finished")
        assert page.locator("li.plan:visible").count() == sum(1 for r in rows if r["closed"])
        page.screenshot(path=os.path.join(os.environ["ARTIFACTS"], "corpus-1280.png"))
        b.close()
        assert errors == [] and all(u.startswith("file://") for u in requests)
