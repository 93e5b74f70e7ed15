"""The networks approved at the start (measure 1) and the "Registry editors" group.

The list is data: editors add, withdraw or change networks in the admin afterwards.
"""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGISTRY_EDITORS = "Registry editors"
EVERYWHERE = [
    "state_secrets",
    "personal_data",
    "draft_decisions",
    "investigations",
    "advertising",
    "campaigning",
    "personal_opinions",
    "unverified",
]
# code, name, hosts, order
NETWORKS = [
    ("telegram", "Telegram", "t.me telegram.me telegram.dog", 10),
    ("facebook", "Facebook", "facebook.com fb.com fb.me", 20),
    ("instagram", "Instagram", "instagram.com instagr.am", 30),
    ("youtube", "YouTube", "youtube.com", 40),
    ("x", "X (Twitter)", "x.com twitter.com", 50),
    ("ok", "OK.ru", "ok.ru odnoklassniki.ru", 60),
    ("tiktok", "TikTok", "tiktok.com", 70),
    ("website", "Website", "", 80),
]


def add_networks(apps, schema_editor):
    Network = apps.get_model("registry", "Network")
    for code, name, hosts, order in NETWORKS:
        Network.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "hosts": hosts,
                "sort_order": order,
                "is_approved": True,
                "approved_on": datetime.date(2026, 12, 1),
                "restricted_kinds": EVERYWHERE,
            },
        )


def add_editors(apps, schema_editor):
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REGISTRY_EDITORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="registry",
            codename__in=["review_account", "add_network", "change_network", "view_network"],
        ),
    )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REGISTRY_EDITORS).delete()
    apps.get_model("registry", "Network").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_networks_accounts_history_reports"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [
        migrations.RunPython(add_networks, migrations.RunPython.noop),
        migrations.RunPython(add_editors, remove),
    ]
