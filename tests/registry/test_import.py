import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from registry.importing import registry_import
from registry.models import Account, AccountEvent, EventAction

GOOD = """organisation_code,network,url,name,kind
mininfo,telegram,https://t.me/s/MinInfo_UZ?utm_source=x,Axborot agentligi,body
mininfo,youtube,https://www.youtube.com/@MinInfoUz/videos,Axborot agentligi,body
chirchiq,facebook,https://m.facebook.com/profile.php?id=100064&ref=x,Chirchiq hokimligi,body
"""


def test_import_registers_every_row_with_history(organizations, networks, editor):
    result = registry_import(GOOD, editor=editor, note="2026 list")
    assert result.errors == []
    assert sorted(Account.objects.public().values_list("handle", flat=True)) == [
        "100064", "@mininfouz", "mininfo_uz"]  # fmt: skip
    assert AccountEvent.objects.filter(action=EventAction.IMPORTED).count() == 3


def test_import_is_all_or_nothing_with_line_numbers(organizations, networks, register_account):
    register_account("t.me/already_here")
    bad = GOOD + (
        "nowhere,telegram,t.me/a_channel,X,body\n"
        "mininfo,vk,https://vk.com/mininfo,X,body\n"
        "mininfo,telegram,https://x.com/mininfo,X,body\n"
        "mininfo,telegram,@MININFO_UZ,Twice,body\n"
        "mininfo,telegram,t.me/already_here,X,body\n"
        "mininfo,telegram,t.me/fine_one,X,boss\n"
    )
    with translation.override("en"):
        result = registry_import(bad)
    assert [error.split(":")[0] for error in result.errors] == [
        "line 5", "line 6", "line 7", "line 8", "line 9", "line 10"]  # fmt: skip
    assert "nowhere" in result.errors[0] and "line 2" in result.errors[3]
    assert "already in the register" in result.errors[4]
    assert Account.objects.count() == 1  # only the one registered before
    assert registry_import(bad).errors[0].startswith("5-qator: ")  # in the user's language


def test_missing_columns(db):
    with translation.override("en"):
        errors = registry_import("organisation_code,url\n").errors
    assert errors == ["line 1: required columns are missing: network, name, kind"]
    assert registry_import("organisation_code,url\n").errors == [
        "1-qator: majburiy ustunlar yoʻq: network, name, kind"
    ]


def test_command(organizations, networks, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("registry_import", str(path))
    assert Account.objects.count() == 3
    with pytest.raises(CommandError, match="2-qator"):
        call_command("registry_import", str(path))  # the same rows again: already registered
    assert Account.objects.count() == 3
