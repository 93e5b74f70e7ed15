"""The public check: official / inactive / look-alike / not registered, HTML and JSON, in every
language and both Uzbek scripts, one query on the accounts, rate-limited per address."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from registry import services
from registry.models import Account, AccountStatus
from registry.selectors import Verdict, account_check


@pytest.fixture
def mininfo(register_account):
    return register_account("https://t.me/mininfo_uz", name="Axborot agentligi rasmiy kanali")


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("https://t.me/s/MinInfo_UZ?utm_source=share", Verdict.OFFICIAL),
        ("@mininfo_uz", Verdict.OFFICIAL),
        ("https://t.me/mіnіnfo_uz", Verdict.LOOKALIKE),  # Cyrillic і
        ("t.me/mininfo_uz_official", Verdict.LOOKALIKE),
        ("t.me/m1ninfo_uz", Verdict.LOOKALIKE),
        ("https://t.me/minfin_uz", Verdict.NOT_REGISTERED),
        ("https://x.com/mininfo_uz", Verdict.NOT_REGISTERED),  # same handle, another network
        ("https://vk.com/mininfo_uz", Verdict.NOT_REGISTERED),  # a website, unknown
        ("not a link at all!!", Verdict.NOT_UNDERSTOOD),
    ],
)
def test_verdicts(mininfo, text, verdict):
    result = account_check(text)
    assert result.verdict == verdict, text
    if verdict == Verdict.LOOKALIKE:
        assert result.lookalikes == [mininfo]
    if verdict == Verdict.OFFICIAL:
        assert result.matches == [mininfo]


def test_closed_account_is_found_as_closed(mininfo, editor):
    services.account_status_change(
        editor=editor, account=mininfo, status=AccountStatus.CLOSED, note="Yopildi"
    )
    assert account_check("t.me/mininfo_uz").verdict == Verdict.INACTIVE


def test_network_withdrawn_from_the_list(networks, db):
    networks["tiktok"].is_approved = False
    networks["tiktok"].save()  # clears the cached network table
    assert account_check("tiktok.com/@someone").verdict == Verdict.NETWORK_NOT_APPROVED


def test_check_is_one_query_on_the_accounts(mininfo, django_assert_num_queries):
    account_check("t.me/x")  # warm the cached network table
    with django_assert_num_queries(1):
        account_check("https://t.me/mininfo_uz_official")


@pytest.mark.parametrize(
    ("prefix", "script", "official", "lookalike_word"),
    [
        ("", "", "Rasmiy: bu hisob reyestrda bor.", "Diqqat"),
        ("", "?script=cyrl&", "Расмий: бу ҳисоб реестрда бор.", "Диққат"),
        ("/ru", "", "Официальный: этот аккаунт есть в реестре.", "Внимание"),
        ("/en", "", "Official: this account is in the register.", "Warning"),
    ],
)
def test_check_page_in_every_language_and_script(
    client, mininfo, prefix, script, official, lookalike_word
):
    joiner = script or "?"
    html = client.get(f"{prefix}/registry/check/{joiner}q=t.me/mininfo_uz").content.decode()
    assert official in html
    assert "Axborot agentligi" in html or "Ахборот агентлиги" in html
    html = client.get(f"{prefix}/registry/check/{joiner}q=t.me/mininfo_uz_official").content
    assert lookalike_word in html.decode()
    assert "https://t.me/mininfo_uz" in html.decode()  # the real one, named (never transliterated)


def test_check_json(client, mininfo):
    response = client.get("/registry/check.json", {"q": "https://t.me/mіnіnfo_uz"})
    data = response.json()
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert data["verdict"] == "lookalike" and data["accounts"] == []
    real = data["lookalike_of"][0]
    assert (real["organisation"]["code"], real["url"]) == ("mininfo", "https://t.me/mininfo_uz")
    assert real["status"] == "active" and real["registered_on"]
    ru = client.get("/ru/registry/check.json", {"q": "t.me/mininfo_uz"}).json()
    assert ru["verdict"] == "official" and ru["message"].startswith("Официальный")
    cyrillic = client.get("/registry/check.json", {"q": "t.me/mininfo_uz", "script": "cyrl"})
    assert cyrillic.json()["message"] == "Расмий: бу ҳисоб реестрда бор."
    assert cyrillic.json()["accounts"][0]["handle"] == "mininfo_uz"  # data never transliterated


def test_check_json_without_query_is_a_400(client, db):
    response = client.get("/registry/check.json")
    assert response.status_code == 400 and "error" in response.json()


def test_check_is_rate_limited_per_address(client, mininfo, settings):
    cache.clear()
    for _ in range(60):
        assert client.get("/registry/check.json", {"q": "@x"}).status_code == 200
    assert client.get("/registry/check.json", {"q": "@x"}).status_code == 429
    assert client.get("/registry/check/", {"q": "@x"}).status_code == 429
    other = client.get("/registry/check.json", {"q": "@x"}, REMOTE_ADDR="203.0.113.7")
    assert other.status_code == 200


def test_check_page_queries_are_bounded(client, mininfo, django_assert_max_num_queries):
    client.get(reverse("registry:check"), {"q": "t.me/x"})
    with django_assert_max_num_queries(3):
        response = client.get(reverse("registry:check"), {"q": "t.me/mininfo_uz_official"})
    assert response.status_code == 200


REGISTERED = [
    ("telegram", "https://t.me/Demo_Kanal_Rasmiy"),
    ("youtube", "https://www.youtube.com/@DemoVazirlik"),
    ("facebook", "https://www.facebook.com/profile.php?id=100077"),
    ("x", "https://x.com/DemoHokimlik"),
    ("ok", "https://ok.ru/group/70000000000042"),
]
VARIANTS = st.sampled_from(
    [
        ("telegram", "{s}t.me/{h}"),
        ("telegram", "{s}www.telegram.me/{h}/"),
        ("telegram", "{s}t.me/s/{h}?utm_source=share"),
        ("telegram", "@{h}"),
        ("telegram", "tg://resolve?domain={h}"),
        ("youtube", "{s}m.youtube.com/@{h}/videos"),
        ("youtube", "{s}youtube.com/@{h}?si=abc"),
        ("facebook", "{s}m.facebook.com/profile.php?id=100077&mibextid=x"),
        ("facebook", "{s}fb.com/profile.php?id=100077"),
        ("x", "{s}twitter.com/{h}?s=20"),
        ("x", "{s}mobile.x.com/{h}/status/1"),
        ("ok", "{s}m.ok.ru/group/70000000000042/topics"),
    ]
)
HANDLES = {
    "telegram": "Demo_Kanal_Rasmiy",
    "youtube": "DemoVazirlik",
    "facebook": "",
    "x": "DemoHokimlik",
    "ok": "",
}


@hyp_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    variant=VARIANTS,
    scheme=st.sampled_from(["", "http://", "https://", "HTTPS://"]),
    case=st.sampled_from([str, str.lower, str.upper]),
)
def test_variants_of_registered_accounts_are_official(register_account, variant, scheme, case):
    if not Account.objects.exists():
        for network, address in REGISTERED:
            register_account(address, network=network)
    network, template = variant
    text = template.format(s=scheme, h=case(HANDLES[network]))
    result = account_check(text)
    assert result.verdict == Verdict.OFFICIAL, text
    assert result.matches[0].network.code == network


def test_very_short_handles_are_not_called_lookalikes(register_account):
    register_account("x.com/ab", network="x")
    assert account_check("x.com/a_b").verdict == Verdict.NOT_REGISTERED  # same "ab" key
    assert account_check("x.com/AB").verdict == Verdict.OFFICIAL
