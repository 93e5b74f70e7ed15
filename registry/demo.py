"""The demo register: the demo organisations' accounts on several networks, one proposal waiting
for review, a closed channel, and look-alikes reported by citizens (``seed_demo``).

Handles are clearly fictional (``demo_…``, ``*.demo.muloqot.uz``): never a real body's account.
A second run finds every account by its network and handle and creates nothing.
"""

import datetime

from django.db import transaction

from accounts.models import Organization, User
from core.demo import DemoRun

from .models import Account, AccountStatus, ImpostorReport, Network
from .normalise import handle_canonical
from .services import (
    account_build,
    account_propose,
    account_register,
    account_status_change,
    report_submit,
    snapshot_take,
)

EVIDENCE = "Buyruq No. {number}, {date}"
# organisation code, network, address, name shown on the account, kind, order number
ACCOUNTS = [
    ("digital-ministry", "telegram", "https://t.me/demo_raqamli_vazirlik",
     "Raqamli texnologiyalar vazirligi", "body", 14),
    ("digital-ministry", "youtube", "https://www.youtube.com/@demo_raqamli_vazirlik",
     "Raqamli texnologiyalar vazirligi", "body", 14),
    ("digital-ministry", "website", "https://raqamli-vazirlik.demo.muloqot.uz/",
     "Raqamli texnologiyalar vazirligi", "body", 14),
    ("mininfo", "telegram", "https://t.me/demo_axborot_agentligi",
     "Axborot va ommaviy kommunikatsiyalar agentligi", "body", 3),
    ("mininfo", "facebook", "https://www.facebook.com/demo.axborot.agentligi",
     "Axborot va ommaviy kommunikatsiyalar agentligi", "body", 3),
    ("mininfo", "instagram", "https://www.instagram.com/demo_axborot_agentligi/",
     "Axborot agentligi", "body", 3),
    ("mininfo", "telegram", "https://t.me/demo_agentlik_rahbari",
     "Agentlik direktori", "head", 4),
    ("tashkent-region", "telegram", "https://t.me/demo_toshkent_viloyati",
     "Toshkent viloyati hokimligi", "body", 21),
    ("tashkent-region", "facebook", "https://www.facebook.com/demo.toshkent.viloyati",
     "Toshkent viloyati hokimligi", "body", 21),
    ("tashkent-region", "telegram", "https://t.me/demo_viloyat_matbuot",
     "Viloyat hokimligi axborot xizmati", "unit", 22),
    ("chirchiq", "telegram", "https://t.me/demo_chirchiq_hokimligi",
     "Chirchiq shahar hokimligi", "body", 7),
    ("chirchiq", "ok", "https://ok.ru/group/70000000000001",
     "Chirchiq shahar hokimligi", "body", 7),
    ("angren", "telegram", "https://t.me/demo_angren_hokimligi",
     "Angren shahar hokimligi", "body", 9),
    ("angren", "telegram", "https://t.me/demo_angren_yangiliklari",
     "Angren yangiliklari (eski kanal)", "body", 2),
    ("zangiota", "x", "https://x.com/demo_zangiota",
     "Zangiota tumani hokimligi", "body", 11),
]  # fmt: skip
CLOSED = ("telegram", "demo_angren_yangiliklari", "Kanal yopildi; yangiliklar asosiy kanalda.")
PROPOSAL = ("zangiota", "telegram", "https://t.me/demo_zangiota_tumani",
            "Zangiota tumani hokimligi", "body", "Buyruq No. 18, 2026-11-20")  # fmt: skip
# Look-alikes citizens reported: a Cyrillic letter, an added "_official", a digit for a letter.
REPORTS = [
    ("https://t.me/demo_axborot_agentlіgi", "Bu kanal pul yigʻish haqida eʼlon tarqatmoqda."),
    ("t.me/demo_chirchiq_hokimligi_official", "Hokimlik nomidan subsidiya vaʼda qilmoqda."),
    ("https://t.me/demo_toshkent_vi1oyati", "Soxta eʼlonlar: 'yer ajratiladi'."),
]


def demo_load(run: DemoRun) -> None:
    organizations = run.loaded.get("organizations") or {
        organization.code: organization for organization in Organization.objects.all()
    }
    editor = User.objects.filter(username="admin").first()
    coordinator = User.objects.filter(username="coordinator").first()
    networks = {network.code: network for network in Network.objects.all()}
    created = 0
    with transaction.atomic():
        for code, network, address, name, kind, number in ACCOUNTS:
            if code not in organizations:
                continue
            if _existing(networks[network], address) is not None:
                continue
            date = datetime.date(2024, 1 + number % 12, 1 + number)
            built = account_build(
                organization=organizations[code],
                network=networks[network],
                text=address,
                display_name=name,
                kind=kind,
                evidence=EVIDENCE.format(number=number, date=date.isoformat()),
            )
            account_register(
                account=built,
                editor=editor,
                note="Boshlangʻich roʻyxat",
                registered_on=date + datetime.timedelta(days=3),
            )
            created += 1
        closed = Account.objects.filter(network__code=CLOSED[0], handle=CLOSED[1]).first()
        if closed and closed.status != AccountStatus.CLOSED and editor:
            account_status_change(
                editor=editor, account=closed, status=AccountStatus.CLOSED, note=CLOSED[2]
            )
        code, network, address, name, kind, evidence = PROPOSAL
        if coordinator and code in organizations and not _existing(networks[network], address):
            account_propose(
                proposer=coordinator,
                organization=organizations[code],
                network=networks[network],
                text=address,
                display_name=name,
                kind=kind,
                evidence=evidence,
            )
        for text, note in REPORTS:
            if not ImpostorReport.objects.filter(text=text).exists():
                report_submit(text=text, note=note)
        snapshot_take()
    run.say(f"Register of official accounts: {created} accounts added.")


def _existing(network: Network, address: str) -> Account | None:
    return Account.objects.filter(
        network=network, handle=handle_canonical(network.code, address)
    ).first()
