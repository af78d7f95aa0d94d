"""cleaner.client against a live `cleaner serve`: results, errors, batches, and retries on real failures."""
from __future__ import annotations

import threading
import time

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from cleaner import CleanResult, EmptyInputError, NothingLeftError, TooLargeError
from cleaner.client import CleanerClient, ServiceUnavailable

from .conftest import SEED_URL
from .test_serve import free_port, start_server, stop_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("client")
    proc, base, log = start_server(tmp, {"CLEANER_MAX_BYTES": "200000", "CLEANER_RULES_DIR": ""})
    yield base
    stop_server(proc)


def test_clean_str_and_bytes_give_the_golden_result(live, seed_text, seed_bytes, golden):
    with CleanerClient(live) as client:
        for content in (seed_text, seed_bytes):
            r = client.clean(content, SEED_URL, explain=True)
            assert isinstance(r, CleanResult)
            assert r.text == golden["text"] and r.author == golden["author"] and r.date == golden["date"]
            assert r.captions == golden["captions"] and r.site == golden["site"]
            assert any(x.rule == "independent.co.uk:forum-prompt" for x in r.removed)
        assert client.clean(seed_text.encode("cp1252"), content_type="text/plain; charset=cp1252").text == \
            golden["text"]
        generic = client.clean(seed_text, site_rules=False, keep=["caption"])
        assert generic.site is None and golden["captions"][0] in generic.text
        assert client.health() is True
        assert "independent.co.uk" in {s["site"] for s in client.rules()["sites"]}


def test_service_errors_become_library_exceptions(live):
    with CleanerClient(live, retries=0) as client:
        with pytest.raises(EmptyInputError):
            client.clean("   ")
        with pytest.raises(NothingLeftError) as info:
            client.clean("Join our commenting forum")
        assert "comment-prompt" in info.value.detail and info.value.problem["status"] == 422
        with pytest.raises(TooLargeError):
            client.clean("word " * 50_000)


def test_batch_returns_results_and_errors_in_order(live, seed_text, golden):
    with CleanerClient(live) as client:
        out = client.clean_batch([seed_text, {"content": ""}, {"content": seed_text, "url": SEED_URL}])
    assert isinstance(out[0], CleanResult) and out[0].text == golden["text"]
    assert isinstance(out[1], EmptyInputError)
    assert isinstance(out[2], CleanResult) and out[2].site_match == "parent"


def test_refused_connection_is_retried_then_reported():
    port = free_port()  # nothing listens there: every connect is refused
    client = CleanerClient(f"http://127.0.0.1:{port}", retries=3, backoff=0.1, timeout=2)
    t0 = time.monotonic()
    with pytest.raises(ServiceUnavailable) as info:
        client.clean("Some text.")
    elapsed = time.monotonic() - t0
    assert "4 attempts" in info.value.detail
    assert 0.15 <= elapsed < 10  # three backoff sleeps of 0.05-0.4 s happened
    assert client.health() is False


def test_retries_until_a_stopped_server_comes_back(tmp_path, seed_text, golden):
    port = free_port()
    started = {}

    def boot_later():
        time.sleep(1.0)
        started["server"] = start_server(tmp_path, {"CLEANER_RULES_DIR": ""}, port=port)

    thread = threading.Thread(target=boot_later)
    thread.start()
    try:
        client = CleanerClient(f"http://127.0.0.1:{port}", retries=12, backoff=0.5, max_backoff=2.0)
        r = client.clean(seed_text)
        assert r.text == golden["text"]
    finally:
        thread.join(60)
        if "server" in started:
            stop_server(started["server"][0])
    # and once it is stopped again, the client says so instead of hanging
    with pytest.raises(ServiceUnavailable):
        CleanerClient(f"http://127.0.0.1:{port}", retries=1, backoff=0.05).clean(seed_text)


def test_503_is_retried_with_backoff(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.yaml").write_text("site: bad.example\nrules: [ {id: x, op: nosuch}\n")
    proc, base, _ = start_server(tmp_path, {"CLEANER_RULES_DIR": str(broken)})
    try:
        client = CleanerClient(base, retries=2, backoff=0.05, max_backoff=0.1)
        with pytest.raises(ServiceUnavailable) as info:
            client.clean("Some article text.")
        assert "HTTP 503" in info.value.detail
        text = requests.get(base + "/metrics", timeout=5).text
        served = sum(s.value for fam in text_string_to_metric_families(text) for s in fam.samples
                     if s.name == "cleaner_http_requests_total" and s.labels.get("status") == "503")
        assert served == 3  # the first try and two retries
    finally:
        stop_server(proc)
