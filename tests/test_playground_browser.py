"""End-to-end: the rule playground in headless Chromium (selenium + chromedriver) against the real service."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from cleaner.ruleset import load_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
# The README's screenshot is refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run
# leaves the working tree clean; otherwise it goes to a temporary file.
DOCS_SCREENSHOT = ROOT / "docs" / "playground.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1440,1000", "--force-device-scale-factor=1"]
NEW_RULE = """  - id: farage-quote
    op: drop_phrase
    category: other
    phrases: [Nigel Farage, a prominent ally]
"""


def _need_browser() -> None:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium/chromedriver missing: scripts/system-deps.sh installs them")
        pytest.skip("chromium/chromedriver not installed (scripts/system-deps.sh installs them)")


@pytest.fixture(scope="module")
def server():
    """The real service (create_app, shipped rules) on a free port, in a werkzeug thread."""
    from werkzeug.serving import make_server

    from cleaner.web import create_app

    srv = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _need_browser()
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pg-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.downloads = downloads
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(predicate, timeout: float = 15.0, what: str = "condition"):
    """Poll until predicate() is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - elements re-rendered between find and read
            last_exc = exc
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}" + (f" (last error: {last_exc})" if last_exc else ""))


def css(driver, selector):
    return driver.find_elements("css selector", selector)


def text_of(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def set_value(driver, element_id: str, value: str) -> None:
    """Put text into a field the way a paste does (value changes, an input event fires)."""
    driver.execute_script(
        "const t = document.getElementById(arguments[0]); t.focus(); t.value = arguments[1];"
        "t.dispatchEvent(new Event('input', {bubbles: true}));", element_id, value)


def cleaned(driver, previous: str | None = None) -> str:
    """Wait for the status line to report a finished cleaning (different from `previous`)."""
    return wait_for(lambda: (s := text_of(driver, "status")).startswith("Cleaned") and s != previous and s,
                    what="the cleaning to finish")


def test_paste_seed_see_removals_toggle_edit_break(browser, server, seed_text, tmp_path):
    d = browser
    d.get(server + "/playground")
    assert d.title.startswith("Rule playground")
    # Every form control has a label (keyboard and screen-reader users can reach and name them).
    unlabeled = d.execute_script(
        "return [...document.querySelectorAll('input, textarea, select')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id)")
    assert unlabeled == []

    # Paste the seed (no URL) and clean with the keyboard (Ctrl+Enter).
    set_value(d, "content", seed_text)
    from selenium.webdriver.common.keys import Keys
    d.find_element("id", "content").send_keys(Keys.CONTROL, Keys.ENTER)
    status = cleaned(d)

    forum = css(d, 'mark[data-rule="independent.co.uk:forum-prompt"]')
    login = css(d, 'mark[data-rule="defaults:login-notice"]')
    assert any("Join our commenting forum" in m.text for m in forum)
    assert any("follow other Independent readers" in m.text for m in forum)
    assert any("Thank you for registering" in m.text for m in login)
    assert {m.get_attribute("data-category") for m in forum} == {"comment_prompt"}
    assert {m.get_attribute("data-category") for m in login} == {"login_notice"}
    # The glued login sentences are two highlights, each labelled with its rule id on the page.
    assert any(m.text.strip().endswith("logged in") for m in login) and len(login) >= 3
    labels = [t.text for t in css(d, "#original .tag")]
    assert "forum-prompt" in labels and "login-notice" in labels and "related-teaser" in labels
    assert "independent.co.uk:forum-prompt" in forum[0].get_attribute("title")
    # Side panel lists the same removals; the match panel says why the Independent's rules applied.
    rules_listed = [li.get_attribute("data-rule") for li in css(d, "#removed li")]
    assert "independent.co.uk:forum-prompt" in rules_listed and "defaults:login-notice" in rules_listed
    assert text_of(d, "match-site") == "independent.co.uk"
    assert "detect" in text_of(d, "match-how")
    assert "follow other Independent readers" in text_of(d, "match-why")
    meta = text_of(d, "meta")
    assert "Lizzie Dearden" in meta and "2016-12-30T13:31:00+00:00" in meta
    clean_text = text_of(d, "clean-text")
    assert clean_text.startswith("Vladimir Putin has said he will not expel")
    assert "commenting forum" not in clean_text and "Thank you for registering" not in clean_text
    # The editor holds the matched site's rule file.
    rules = d.find_element("id", "rules").get_attribute("value")
    assert rules.startswith("# The Independent") and "site: independent.co.uk" in rules

    SCREENSHOT = DOCS_SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "playground.png"
    # The whole page in one picture: inputs, editor, both panes and the removed list.
    chrome = d.execute_script("return window.outerHeight - window.innerHeight")
    bottom = d.execute_script("return Math.ceil(document.querySelector('main').getBoundingClientRect().bottom"
                              " + window.scrollY)")
    d.set_window_size(1440, bottom + chrome)
    d.execute_script("document.activeElement.blur();"
                     "document.querySelector('#original mark[data-rule$=forum-prompt]')"
                     ".scrollIntoView({block: 'center'}); window.scrollTo(0, 0);")
    d.save_screenshot(str(SCREENSHOT))
    d.set_window_size(1440, 1000)
    assert SCREENSHOT.stat().st_size > 20_000

    # Toggle "keep captions": the caption comes back into the text, its credited duplicate stays removed.
    caption = "Vladimir Putin ignored calls to expel US diplomats from his own foreign minister"
    assert caption not in clean_text
    box = d.find_element("css selector", 'input[name="keep"][value="caption"]')
    box.send_keys(Keys.SPACE)  # keyboard toggle
    status = cleaned(d, status)
    assert caption in wait_for(lambda: caption in text_of(d, "clean-text") and text_of(d, "clean-text"))
    dupes = css(d, 'mark[data-rule="defaults:captions"]')
    assert dupes and all(m.get_attribute("data-category") == "duplicate" for m in dupes)
    assert all(m.text.endswith("(Getty)") for m in dupes)
    box.click()
    status = cleaned(d, status)
    wait_for(lambda: caption not in text_of(d, "clean-text"), what="captions removed again")

    # Edit a rule: a new drop_phrase rule for the Farage paragraph, applied without saving.
    assert "Nigel Farage" in text_of(d, "clean-text")
    edited = rules.replace("rules:\n", "rules:\n" + NEW_RULE, 1)
    set_value(d, "rules", edited)
    d.find_element("id", "apply").click()
    status = cleaned(d, status)
    assert "with the edited rules" in status
    marks = wait_for(lambda: css(d, 'mark[data-rule="independent.co.uk:farage-quote"]'), what="the new rule's mark")
    assert "Nigel Farage" in marks[0].text
    assert "Nigel Farage" not in text_of(d, "clean-text")
    assert "Edited rule set" in text_of(d, "notes")
    # The file on disk is untouched.
    assert "farage" not in (ROOT / "rules" / "independent.co.uk.yaml").read_text(encoding="utf-8")

    # Break the YAML: an unknown operation; the error names its line, the gutter marks it.
    broken = edited.replace("    op: drop_phrase\n    category: other", "    op: drop_phrases\n    category: other")
    bad_line = broken.splitlines().index("    op: drop_phrases") + 1
    set_value(d, "rules", broken)
    d.find_element("id", "apply").click()
    err = wait_for(lambda: d.find_element("id", "rules-error").is_displayed()
                   and text_of(d, "rules-error"), what="the rule error")
    assert err.startswith(f"Line {bad_line}") and "drop_phrases" in err
    assert [g.text for g in css(d, "#gutter .bad")] == [str(bad_line)]
    assert d.find_element("id", "rules").get_attribute("aria-invalid") == "true"
    # A YAML syntax error is reported with its line too.
    syntax = edited.replace("a prominent ally]", "a prominent ally", 1)  # unclosed flow sequence
    set_value(d, "rules", syntax)
    d.find_element("id", "apply").click()
    err = wait_for(lambda: "YAML syntax" in (t := text_of(d, "rules-error")) and t, what="the syntax error")
    assert re.match(r"Line \d+", err)

    # Fix it again and download the file with its pre-filled test case.
    set_value(d, "rules", edited)
    d.find_element("id", "apply").click()
    wait_for(lambda: not d.find_element("id", "rules-error").is_displayed(), what="the error to clear")
    d.find_element("id", "download").click()
    path = wait_for(lambda: [p for p in browser.downloads.glob("*.yaml")], what="the download")[0]
    assert path.name == "independent.co.uk.yaml"
    assert "passes" in wait_for(lambda: text_of(d, "rules-status"), what="download status")
    rs = load_text(path.read_text(encoding="utf-8"), str(path))
    case = rs.tests[-1]
    assert "farage-quote" in [r.id for r in rs.rules]
    assert any(s.startswith("Nigel Farage") for s in case["not_contains"])
    assert "Join our commenting forum" in case["not_contains"]
    assert case["author"] == "Lizzie Dearden" and len(case["contains"]) >= 2


def test_one_click_example_upload_and_html_mode(browser, server, seed_text, tmp_path):
    d = browser
    d.get(server + "/")  # the front page redirects to the playground
    wait_for(lambda: d.current_url.endswith("/playground"), what="redirect")
    d.find_element("id", "load-seed").click()
    cleaned(d)
    assert d.find_element("id", "content").get_attribute("value").startswith("Vladimir Putin says")
    assert css(d, 'mark[data-rule="independent.co.uk:related-teaser"]')

    # Upload a file in Windows-1252: the bytes go to the service, which decodes them.
    upload = tmp_path / "article.txt"
    upload.write_bytes(seed_text.replace("Vladimir Putin has said", "Vladimir Putin – né Poutine – has said")
                       .encode("cp1252", errors="replace"))
    d.find_element("id", "file").send_keys(str(upload))
    wait_for(lambda: "article.txt" in text_of(d, "file-status"), what="the upload")
    wait_for(lambda: "né Poutine" in text_of(d, "clean-text"), what="the uploaded file cleaned")
    assert css(d, 'mark[data-rule="independent.co.uk:forum-prompt"]')
    assert "né Poutine" in d.find_element("id", "content").get_attribute("value")  # the service's decoding

    page = ("<html><head><title>Harbour plan approved</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/news'>News</a></nav><article><h1>Harbour plan approved</h1>"
            "<p>The council approved the harbour plan on Tuesday after a long debate about costs and "
            "the effect on local fishing businesses.</p><p>Sign up to our newsletter</p>"
            "<p>Work on the new sea wall is expected to start in the spring and last two years, the "
            "council said in a statement.</p></article><footer>© Example News</footer></body></html>")
    set_value(d, "content", page)
    d.find_element("id", "url").send_keys("https://www.example.com/harbour")
    d.find_element("id", "clean").click()
    wait_for(lambda: "HTML" in text_of(d, "orig-kind"), what="HTML mode")
    assert "approved the harbour plan" in text_of(d, "clean-text")
    assert "generic defaults" in text_of(d, "match-site")
    newsletter = css(d, 'mark[data-category="newsletter"]')
    assert newsletter and "Sign up to our newsletter" in newsletter[0].text
    # The nav and footer, left out by extraction, are marked as removals like any other rule's.
    assert css(d, 'mark[data-rule="engine:extraction"]')
    # No rule file for the host: the editor offers a template for it.
    wait_for(lambda: "site: example.com" in d.find_element("id", "rules").get_attribute("value"),
             what="the template")
