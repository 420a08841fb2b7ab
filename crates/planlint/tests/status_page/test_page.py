"""The status page in a real browser: headless Chromium driven by Playwright.

Run by `tests/status_page.rs` with PLANLINT_BIN, CHROMIUM, FIXTURE_PROJECT (the repository's
fixture plans laid out in folders), THOUSAND_PROJECT (1,000 generated plans) and ARTIFACTS (where
the screenshots go) set.
"""

import json
import os
import re
import statistics
import subprocess

import pytest
from playwright.sync_api import sync_playwright

BIN = os.environ["PLANLINT_BIN"]
ARTIFACTS = os.environ["ARTIFACTS"]


def planlint(project, *args):
    out = subprocess.run([BIN, "status", *args], cwd=project, capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


def write_page(project, name):
    html = planlint(project, "--format", "html", "--stale", "30")
    path = os.path.join(ARTIFACTS, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    rows = json.loads(planlint(project, "--format", "json", "--stale", "30"))["plans"]
    return path, rows


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=os.environ["CHROMIUM"], args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto("file://" + path)
    page.wait_for_selector("html[data-ready=true]")
    return page, seen


def visible(page):
    return page.locator("li.plan:visible").count()


def test_fixture_plans_rows_filters_and_screenshots(browser):
    path, rows = write_page(os.environ["FIXTURE_PROJECT"], "fixtures.html")
    page, seen = open_page(browser, path, 1280)
    plans = page.locator("li.plan")
    assert plans.count() == len(rows)
    assert visible(page) == len(rows)
    # Each row against the JSON: path, boxes, entries, stale, finished.
    for i, row in enumerate(rows):
        el = plans.nth(i)
        assert el.get_attribute("data-plan") == row["path"]
        assert int(el.get_attribute("data-boxes-checked")) == row["boxes_checked"]
        assert int(el.get_attribute("data-boxes-total")) == row["boxes_total"]
        assert int(el.get_attribute("data-entries")) == row["progress_entries"]
        assert (el.get_attribute("data-stale") == "true") == row["stale"]
        assert (el.get_attribute("data-status-class") == "finished") == row["closed"]
        if row["boxes_total"]:
            assert el.locator("progress").get_attribute("value") == str(row["boxes_checked"])
    # Filters narrow the rows; clearing them brings all back.
    page.select_option("#f-status", "blocked")
    blocked = visible(page)
    assert 1 <= blocked < len(rows)
    assert page.locator("#shown").inner_text() == f"{blocked} of {len(rows)} plans shown"
    page.select_option("#f-status", "")
    page.check("#f-stale")
    assert visible(page) == sum(1 for r in rows if r["stale"])
    page.uncheck("#f-stale")
    page.fill("#f-text", "injected")
    assert visible(page) == 1
    # The injected title is text, not markup: no image, no script ran.
    title = page.locator("li.plan:visible h3").inner_text()
    assert title.startswith("<img src=x onerror=alert(1)>")
    assert page.locator("li.plan img").count() == 0
    page.fill("#f-text", "")
    # Sorting by progress puts the least done first.
    page.select_option("#f-sort", "progress")
    first = page.locator("li.plan").first
    assert first.get_attribute("data-progress") in ("", "0.0000")
    page.select_option("#f-sort", "path")
    # Keyboard: from the top of a fresh page, Tab reaches the controls first; each is labelled.
    fresh, _ = open_page(browser, path, 1280)
    fresh.keyboard.press("Tab")
    assert fresh.evaluate("document.activeElement.id") == "f-status"
    fresh.keyboard.press("ArrowDown")
    assert visible(fresh) < len(rows)
    for control in ("#f-status", "#f-stale", "#f-text", "#f-sort"):
        assert page.evaluate(f"!!document.querySelector('{control}').closest('label')")
    page.screenshot(path=os.path.join(ARTIFACTS, "status-1280.png"), full_page=False)
    phone, _ = open_page(browser, path, 390)
    # Fits a phone: nothing wider than the viewport.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=os.path.join(ARTIFACTS, "status-390.png"), full_page=False)
    assert seen["errors"] == []
    assert all(u.startswith("file://") for u in seen["requests"]), seen["requests"]


def interactive_ms(browser, path):
    """Milliseconds from navigation to the end of DOMContentLoaded, the page's script included."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto("file://" + path)
    page.wait_for_load_state("load")
    ms = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.close()
    return ms


def test_a_thousand_plans_cost_the_script_little(browser):
    """A thousand plans are interactive as soon as the browser has read the page: the script adds
    little to the same page without it. A ratio within one run, so a loaded machine slows both
    sides alike; the time itself is measured by `bench/page.py`, never asserted here."""
    path, rows = write_page(os.environ["THOUSAND_PROJECT"], "thousand.html")
    assert len(rows) == 1000
    assert os.path.getsize(path) < 2 * 1024 * 1024
    with open(path, encoding="utf-8") as f:
        html = f.read()
    bare_html, scripts = re.subn(r"<script\b.*?</script>", "", html, flags=re.S)
    assert scripts == 1
    bare = os.path.join(ARTIFACTS, "thousand-without-script.html")
    with open(bare, "w", encoding="utf-8") as f:
        f.write(bare_html)
    full, without = [], []
    for _ in range(3):
        full.append(interactive_ms(browser, path))
        without.append(interactive_ms(browser, bare))
    ratio = statistics.median(full) / statistics.median(without)
    assert ratio < 2.0, f"interactive after {full} ms, without the script {without} ms"
    page, seen = open_page(browser, path, 1280)
    assert page.locator("li.plan").count() == 1000
    page.select_option("#f-status", "finished")
    assert visible(page) == sum(1 for r in rows if r["closed"])
    page.select_option("#f-status", "")
    page.fill("#f-text", "plan-00042")
    assert visible(page) == 1
    assert seen["errors"] == []
    assert all(u.startswith("file://") for u in seen["requests"]), seen["requests"]


def test_readable_without_javascript(browser):
    path = os.path.join(ARTIFACTS, "fixtures.html")
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto("file://" + path)
    # Every plan is there and shown; the controls that need the script stay hidden.
    assert page.locator("li.plan:visible").count() == page.locator("li.plan").count() > 0
    assert not page.locator("#controls").is_visible()
    ctx.close()
