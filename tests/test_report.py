"""The HTML report (``--format html``): one self-contained page, checked in a real browser.

The browser test drives the distribution's Chromium (Debian package ``chromium``; ``.ci/run``
installs it) through Playwright, and is skipped when either is missing (in CI, where ``CI`` is
set, it fails instead). It keeps a screenshot in
``$RELEVANCE_TEST_ARTIFACTS`` (default ``build/test-artifacts/``).
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.report import render_report
from relevance.schema import Result

TODAY = "2026-11-29"
ARTIFACTS = Path(
    os.environ.get(
        "RELEVANCE_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "build/test-artifacts"
    )
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """The example scored with its profile, written by the command line to ``report.html``."""
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("report") / "report.html"
    args = ["score", str(examples_dir / "groups.json"), "--profile"]
    args += [str(examples_dir / "profile.toml"), "--today", TODAY, "--jobs", "1", "-o", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    return path


def test_report_is_one_page_that_fetches_nothing(report: Path, example_groups: Any) -> None:
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # Nothing is loaded from anywhere: no external script, style sheet, image or frame.
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", page)
    assert "plotly.js" in page  # the library, inlined
    for group in example_groups:
        assert html.escape(group["title"]) in page
    assert '<span class="badge" style="background:#1a7f37">JOIN 1</span>' in page
    assert page.count('class="chart"') == 2


def test_report_escapes_what_groups_write() -> None:
    evil = '</script><img src=x onerror="alert(1)"><!--'
    result = Result(
        "goal", "x<y", evil, "SKIP", 0.1, relevance=0.2, consistency=0.9, misleading=False,
        size_fit=1.0, member_count=400, reasons=[f"about {evil}"],
    )  # fmt: skip
    page = render_report({"goal": [result]}, {"goal": "a <goal>"})
    body = page[page.rindex("</head>") :]  # plotly.js itself may hold any text
    assert "<img" not in body and "</script><img" not in body
    assert "&lt;/script&gt;&lt;img" in body  # in the table, as text
    assert "\\u003c/script>\\u003cimg" in body  # in the chart data, as JSON text


def test_report_without_groups() -> None:
    assert "<p>No groups to show.</p>" in render_report({})


def _browser() -> str:
    """The Chromium to drive; a skip without one, a failure in CI (whose script installs it)."""
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed (pip install '.[test]')"
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        missing = missing or "no Chromium installed (apt-get install chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {missing}")
        pytest.skip(missing)
    assert found is not None
    return found


def test_report_in_a_real_browser(report: Path, example_groups: Any) -> None:
    from playwright.sync_api import sync_playwright

    executable = _browser()
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri(), wait_until="load")
            page.wait_for_selector(".js-plotly-plot .scatterlayer .point", state="attached")
            charts = page.locator(".js-plotly-plot")
            assert charts.count() == 2
            for n in range(2):
                assert charts.nth(n).locator(".scatterlayer .point").count() >= 10
            # The misleading group stands apart: a cross in the band under the line.
            misleading = page.locator("#consistency-1 .scatterlayer .trace").last
            assert misleading.locator(".point").count() == 2  # the spam hub and the drifted group
            # Hovering a point names the group.
            misleading.locator(".point").first.hover(force=True)  # plotly listens above it
            label = page.locator("#consistency-1 .hoverlayer .hovertext")
            label.wait_for()
            assert "Fintech Innovators Hub" in (label.text_content() or "")
            # The mode bar (shown while the pointer is on the chart) leaves each title clear.
            for n in range(2):
                chart = charts.nth(n)
                chart.hover()
                title = chart.locator(".gtitle").bounding_box()
                bar = chart.locator(".modebar").bounding_box()
                assert title is not None and bar is not None
                assert title["y"] >= bar["y"] + bar["height"] or (
                    title["x"] + title["width"] <= bar["x"]
                ), (title, bar)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"))
        finally:
            browser.close()
    assert problems == []
    assert requests == [report.as_uri()]
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
