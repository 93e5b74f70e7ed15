"""The demo organisations and one user per role (``seed_demo``; see core/demo.py).

Organisations are found again by their code and users by their username, so a second run creates
nothing; the password applies to users this run creates.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from core.demo import DemoRun

from .models import Employment, Organization, User
from .roles import COORDINATORS, METHODOLOGISTS, TRAINERS

DEMO_LEARNER = "learner"
DEMO_COORDINATOR = "coordinator"

ORGANIZATIONS = [
    # (code, name, kind, parent code)
    ("digital-ministry", "Raqamli texnologiyalar vazirligi", "ministry", None),
    ("mininfo", "Axborot va ommaviy kommunikatsiyalar agentligi", "agency", None),
    ("tashkent-region", "Toshkent viloyati hokimligi", "region", None),
    ("chirchiq", "Chirchiq shahar hokimligi", "district", "tashkent-region"),
    ("angren", "Angren shahar hokimligi", "district", "tashkent-region"),
    ("zangiota", "Zangiota tumani hokimligi", "district", "tashkent-region"),
]

# username, full name, group, organisation code, position, coordinator, superuser
USERS = [
    ("citizen", "Dilnoza Rahimova", None, None, "", False, False),
    (DEMO_LEARNER, "Bahodir Karimov", None, "chirchiq", "Matbuot kotibi", False, False),
    (
        DEMO_COORDINATOR,
        "Nodira Yusupova",
        COORDINATORS,
        "tashkent-region",
        "Axborot xizmati rahbari",
        True,
        False,
    ),
    ("trainer", "Jasur Toshmatov", TRAINERS, "mininfo", "Trener", False, False),
    ("methodologist", "Malika Saidova", METHODOLOGISTS, "mininfo", "Metodist", False, False),
    ("admin", "Muloqot Administrator", None, "mininfo", "Administrator", False, True),
]
DEMO_USERNAMES = [row[0] for row in USERS]


def demo_load(run: DemoRun) -> None:
    organizations = organizations_load()
    created = users_load(organizations, password=run.password)
    run.loaded["organizations"] = organizations
    for username in created:
        run.summary.append(f"  created {username} (password: {run.password})")
    run.summary.append("Logins: " + ", ".join(DEMO_USERNAMES))


def organizations_load() -> dict[str, Organization]:
    organizations = {}
    for code, name, kind, parent_code in ORGANIZATIONS:
        organization = Organization.objects.filter(code=code).first()
        if organization is None:
            organization = Organization(code=code, name=name, kind=kind)
            if parent_code is None:
                organization = Organization.add_root(instance=organization)
            else:
                organization = organizations[parent_code].add_child(instance=organization)
        organizations[code] = organization
    return organizations


def users_load(organizations: dict[str, Organization], *, password: str) -> list[str]:
    """The demo users (e-mail verified, in their groups and organisations); the new usernames."""
    created = []
    for username, full_name, group_name, org_code, position, coordinator, superuser in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                email=f"{username}@demo.muloqot.uz",
                is_superuser=superuser,
                is_staff=superuser,
            )
            user.set_password(password)
            user.save()
            created.append(username)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        if (
            org_code
            and not Employment.objects.filter(
                user=user, organization=organizations[org_code]
            ).exists()
        ):
            Employment.objects.create(
                user=user,
                organization=organizations[org_code],
                position_title=position,
                is_coordinator=coordinator,
            )
    return created
