from pathlib import Path

from django.conf import settings

from accounts import demo as accounts_demo
from core.demo import DemoRun
from registry import demo
from registry.models import Account, ImpostorReport, RegisterSnapshot, Review
from registry.selectors import Verdict, account_check


def test_demo_register_is_loaded_once_and_answers_the_check(db):
    run = DemoRun(directory=Path(settings.BASE_DIR) / "demo", password="Demo-pass-2026")
    accounts_demo.demo_load(run)
    demo.demo_load(run)
    demo.demo_load(run)  # idempotent
    assert Account.objects.public().count() == len(demo.ACCOUNTS)
    assert Account.objects.filter(review=Review.PROPOSED).count() == 1
    assert ImpostorReport.objects.count() == len(demo.REPORTS)
    assert all(report.imitated for report in ImpostorReport.objects.all())
    assert RegisterSnapshot.objects.count() == 1
    chirchiq = Account.objects.get(handle="demo_chirchiq_hokimligi")
    assert chirchiq.registered_on.year == 2024  # the date of its (fictional) order, plus days
    assert chirchiq.events.get().at.date() == chirchiq.registered_on
    assert account_check("t.me/demo_chirchiq_hokimligi").verdict == Verdict.OFFICIAL
    assert account_check("t.me/demo_angren_yangiliklari").verdict == Verdict.INACTIVE
    assert account_check(demo.REPORTS[0][0]).verdict == Verdict.LOOKALIKE
    # never a real body's handle: "demo" in every name, a made-up round number for OK.ru
    assert all(
        "demo" in a.handle or a.handle == "group/70000000000001" for a in Account.objects.all()
    )
