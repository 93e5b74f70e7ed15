from django.test import RequestFactory, override_settings

from core import ratelimit


def test_a_window_allows_its_limit_then_refuses_and_a_new_window_starts_afresh():
    hits = [ratelimit.hit("t", "a", limit=3, window_seconds=60, now=120.0) for _ in range(4)]
    assert hits == [True, True, True, False]
    assert ratelimit.hit("t", "b", limit=3, window_seconds=60, now=120.0)  # another client
    assert ratelimit.hit("t", "a", limit=3, window_seconds=60, now=180.0)  # the next window


def test_client_ip_reads_the_proxy_header_only_when_configured():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert ratelimit.client_ip(request) == "127.0.0.1"
    with override_settings(MULOQOT_CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
        assert ratelimit.client_ip(request) == "203.0.113.9"
