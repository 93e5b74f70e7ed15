"""Every way people write an account arrives at one canonical (network, handle)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.normalise import Parsed, account_parse, account_url, handle_canonical


@pytest.mark.parametrize(
    ("text", "network", "handle"),
    [
        ("https://t.me/MinInfo_UZ", "telegram", "mininfo_uz"),
        ("t.me/s/mininfo_uz/", "telegram", "mininfo_uz"),
        ("https://t.me/mininfo_uz/1234?single", "telegram", "mininfo_uz"),
        ("telegram.me/mininfo_uz", "telegram", "mininfo_uz"),
        ("tg://resolve?domain=MinInfo_uz", "telegram", "mininfo_uz"),
        ("  <https://www.t.me/mininfo_uz?utm_source=fb&utm_medium=x>  ", "telegram", "mininfo_uz"),
        ("https://m.facebook.com/MinInfoUz/?ref=page_internal", "facebook", "mininfouz"),
        ("fb.com/mininfouz", "facebook", "mininfouz"),
        ("https://www.facebook.com/profile.php?id=100064&mibextid=ZbWKwL", "facebook", "100064"),
        ("facebook.com/people/Axborot/100064/", "facebook", "100064"),
        ("instagram.com/MinInfo.uz/", "instagram", "mininfo.uz"),
        ("https://www.youtube.com/@MinInfoUz/videos", "youtube", "@mininfouz"),
        ("youtube.com/channel/UCx1AbC2dEf", "youtube", "channel/UCx1AbC2dEf"),
        ("https://youtube.com/c/MinInfo", "youtube", "c/mininfo"),
        ("twitter.com/MinInfoUz?s=20", "x", "mininfouz"),
        ("https://x.com/mininfouz", "x", "mininfouz"),
        ("mobile.twitter.com/mininfouz/status/1", "x", "mininfouz"),
        ("ok.ru/group/70000001234567", "ok", "group/70000001234567"),
        ("https://m.ok.ru/MinInfo", "ok", "mininfo"),
        ("https://www.tiktok.com/@MinInfo.uz?lang=ru", "tiktok", "mininfo.uz"),
        ("https://www.MinInfo.uz/uz/news/12", "website", "mininfo.uz"),
        ("mininfo.uz", "website", "mininfo.uz"),
        ("@MinInfo_uz", None, "mininfo_uz"),
        ("mininfo_uz", None, "mininfo_uz"),
    ],
)
def test_every_way_of_writing_an_account_is_read(text, network, handle):
    assert account_parse(text) == Parsed(network, handle)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "https://t.me/share/url?url=x", "https://t.me/+AbCdEf", "https://instagram.com/p/Cx1/",
     "tg://resolve", "https://youtube.com/watch?v=abc", "http://", "@"],
)  # fmt: skip
def test_addresses_that_name_no_account(text):
    assert account_parse(text) is None


def test_canonical_handle_for_a_known_network():
    assert handle_canonical("telegram", "@MinInfo_UZ") == "mininfo_uz"
    assert handle_canonical("youtube", "@MinInfo") == "@mininfo"
    assert handle_canonical("telegram", "https://x.com/mininfo") is None  # another network
    assert handle_canonical("website", "https://www.mininfo.uz/") == "mininfo.uz"


def test_canonical_accounts_have_an_address_that_reads_back():
    for network, handle in [("telegram", "mininfo_uz"), ("facebook", "100064"),
                            ("youtube", "@mininfo"), ("ok", "group/7000"), ("website", "x.uz"),
                            ("tiktok", "mininfo"), ("x", "mininfo")]:  # fmt: skip
        assert account_parse(account_url(network, handle)) == Parsed(network, handle)


handles = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{4,30}", fullmatch=True)
case = st.sampled_from([str, str.lower, str.upper, str.title])
scheme = st.sampled_from(["", "http://", "https://"])
telegram_host = st.sampled_from(
    ["t.me", "www.t.me", "telegram.me", "T.ME", "t.me/s", "telegram.dog"]
)
tail = st.sampled_from(["", "/", "/123", "?utm_source=x&utm_campaign=y", "/?ref=share", "/#top"])
padding = st.sampled_from(["", " ", "\u200b", "\n"])


@settings(max_examples=300, deadline=None)
@given(handle=handles, scheme=scheme, host=telegram_host, tail=tail, case=case, pad=padding)
def test_any_variant_of_a_telegram_handle_resolves_to_it(handle, scheme, host, tail, case, pad):
    variants = [
        f"{pad}{scheme}{host}/{case(handle)}{tail}{pad}",
        f"@{case(handle)}",
        f"tg://resolve?domain={case(handle)}",
    ]
    for text in variants:
        parsed = account_parse(text)
        assert parsed is not None and parsed.handle == handle.lower(), text
        assert parsed.network in {"telegram", None}


@settings(max_examples=200, deadline=None)
@given(
    handle=handles,
    scheme=scheme,
    sub=st.sampled_from(["", "www.", "m.", "mobile."]),
    pair=st.sampled_from(
        [
            ("twitter.com", "x"),
            ("x.com", "x"),
            ("fb.com", "facebook"),
            ("facebook.com", "facebook"),
            ("instagram.com", "instagram"),
            ("ok.ru", "ok"),
        ]
    ),  # fmt: skip
    tail=tail,
    case=case,
)
def test_any_variant_on_other_networks_resolves(handle, scheme, sub, pair, tail, case):
    host, network = pair
    if network == "x" and tail == "/123":
        tail = "/status/123"
    assert account_parse(f"{scheme}{sub}{host}/{case(handle)}{tail}") == Parsed(
        network, handle.lower()
    )


@settings(max_examples=100, deadline=None)
@given(
    handle=handles, scheme=scheme, case=case, tail=st.sampled_from(["", "/", "/videos", "?si=x"])
)
def test_any_variant_of_a_youtube_handle_resolves(handle, scheme, case, tail):
    for host in ("youtube.com", "www.youtube.com", "m.youtube.com"):
        assert account_parse(f"{scheme}{host}/@{case(handle)}{tail}") == Parsed(
            "youtube", "@" + handle.lower()
        )
