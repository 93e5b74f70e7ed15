import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from wagtail.users.models import UserProfile

from accounts.importing import UserImportError, users_import
from accounts.models import Employment, User
from accounts.roles import COORDINATORS, TRAINERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English; the site's default language is Uzbek."""
    with translation.override("en"):
        yield


def admin_in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


HEADER = "full_name,email,organization_code,position_title,coordinator,language\n"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "\n".join(rows) + "\n").encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_import_creates_people_with_employment_and_invitations(
    organizations, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        "Karimov Bahodir,bahodir@chirchiq.uz,chirchiq,Matbuot kotibi,no,uz",
        "Yusupova Nodira,nodira@region.uz,tashkent-region,Rahbar,ha,ru",
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = users_import(file_name="staff.csv", content=content)

    assert [user.full_name for user in created] == ["Karimov Bahodir", "Yusupova Nodira"]
    bahodir = User.objects.get(email="bahodir@chirchiq.uz")
    assert not bahodir.has_usable_password()
    employment = Employment.objects.get(user=bahodir)
    assert (employment.organization.code, employment.position_title) == (
        "chirchiq",
        "Matbuot kotibi",
    )
    assert not employment.is_coordinator
    nodira = User.objects.get(email="nodira@region.uz")
    assert nodira.preferred_language == "ru"
    assert Employment.objects.get(user=nodira).is_coordinator
    assert nodira.groups.filter(name=COORDINATORS).exists()
    assert EmailAddress.objects.filter(user=bahodir, verified=False, primary=True).exists()

    # One invitation each, in the person's own language, with a working link.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bahodir@chirchiq.uz",
        "nodira@region.uz",
    ]
    russian = next(m for m in mail.outbox if m.to == ["nodira@region.uz"])
    assert "/ru/accounts/invitation/" in russian.body


def test_one_bad_row_writes_nothing_and_names_the_line(
    organizations, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        "Karimov Bahodir,bahodir@chirchiq.uz,chirchiq,,,",
        "Rahimova Dilnoza,not-an-email,chirchiq,,,",
        "Toshmatov Jasur,jasur@angren.uz,angren,,,",
    )
    with pytest.raises(UserImportError) as raised, django_capture_on_commit_callbacks(execute=True):
        users_import(file_name="staff.csv", content=content)

    assert [(error.line, error.message) for error in raised.value.errors] == [
        (3, "“not-an-email” is not a valid e-mail address."),
    ]
    assert str(raised.value.errors[0]).startswith("Line 3:")
    assert not User.objects.exists()
    assert not Employment.objects.exists()
    assert mail.outbox == []


def test_every_problem_is_reported_with_its_line(organizations, make_user):
    make_user("taken", email="taken@example.uz")
    content = csv_bytes(
        ",nobody@example.uz,chirchiq,,,",
        "Twice,twice@example.uz,chirchiq,,,",
        "Twice Again,TWICE@example.uz,angren,,,",
        "Taken,Taken@Example.uz,angren,,,",
        "Lost,lost@example.uz,atlantis,,,",
        "Maybe,maybe@example.uz,angren,,perhaps,",
        "Klingon,klingon@example.uz,angren,,,tlh",
    )
    with pytest.raises(UserImportError) as raised:
        users_import(file_name="staff.csv", content=content)
    lines = {error.line: error.message for error in raised.value.errors}
    assert lines == {
        2: "The full name is empty.",
        4: "The e-mail address TWICE@example.uz is also on line 3.",
        5: "A user with the e-mail address Taken@Example.uz already exists.",
        6: "No organisation has the code “atlantis”.",
        7: "Coordinator must be yes or no, not “perhaps”.",
        8: "Language must be one of uz, ru, en, not “tlh”.",
    }
    assert User.objects.count() == 1


def test_missing_and_unknown_columns_are_named(organizations):
    with pytest.raises(UserImportError) as raised:
        users_import(
            file_name="staff.csv",
            content=csv_bytes("A,a@example.uz,x", header="name,e-mail,salary\n"),
        )
    messages = [error.message for error in raised.value.errors]
    assert messages[0] == "Required columns are missing: organization_code."
    assert messages[1].startswith("Unknown columns: salary.")
    assert all(error.line == 1 for error in raised.value.errors)


def test_cp1251_semicolon_csv_from_excel_is_read(organizations):
    content = (
        "fio;email;organization_code\nКаримов Бахтиёр;bahtiyor@chirchiq.uz;chirchiq\n"
    ).encode("cp1251")
    created = users_import(file_name="people.CSV", content=content)
    assert created[0].full_name == "Каримов Бахтиёр"


def test_xlsx_import_reports_spreadsheet_rows(organizations):
    content = xlsx_bytes(
        [
            ["full_name", "email", "organization_code"],
            ["Karimov Bahodir", "bahodir@chirchiq.uz", "chirchiq"],
            [None, None, None],
            ["Rahimova Dilnoza", "dilnoza@chirchiq.uz", "nowhere"],
        ]
    )
    with pytest.raises(UserImportError) as raised:
        users_import(file_name="staff.xlsx", content=content)
    assert [error.line for error in raised.value.errors] == [4]

    good = xlsx_bytes(
        [
            ["Full name", "E-mail", "Organization code", "Position"],
            ["Karimov Bahodir", "bahodir@chirchiq.uz", "chirchiq", "Press secretary"],
        ]
    )
    [user] = users_import(file_name="staff.xlsx", content=good)
    assert user.employments.get().position_title == "Press secretary"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("staff.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file."),
        ("staff.xlsx", b"not a zip file", "The file could not be read as XLSX"),
        ("staff.csv", HEADER.encode(), "The file has no rows of people under the column names."),
    ],
)
def test_unreadable_files_get_a_clear_message(organizations, name, content, message):
    with pytest.raises(UserImportError) as raised:
        users_import(file_name=name, content=content)
    assert raised.value.errors[0].message.startswith(message)
    assert not User.objects.exists()


def test_too_large_file_is_refused(organizations, settings):
    settings.MULOQOT_IMPORT_MAX_BYTES = 100
    with pytest.raises(UserImportError):
        users_import(file_name="staff.csv", content=csv_bytes("A,a@example.uz,chirchiq" * 10))


def test_coordinator_imports_only_into_own_subtree(organizations, region_coordinator):
    content = csv_bytes("A Person,a@example.uz,mininfo,,,", "B Person,b@example.uz,angren,,,")
    with pytest.raises(UserImportError) as raised:
        users_import(file_name="staff.csv", content=content, imported_by=region_coordinator)
    assert [error.line for error in raised.value.errors] == [2]
    assert "mininfo" in raised.value.errors[0].message

    created = users_import(
        file_name="staff.csv",
        content=csv_bytes("B Person,b@example.uz,angren,,,"),
        imported_by=region_coordinator,
    )
    assert [user.email for user in created] == ["b@example.uz"]


def test_management_command_imports_and_reports_lines(organizations, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("A Person,a@example.uz,chirchiq,,,", "B Person,b@,chirchiq,,,"))
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_users", str(bad))
    assert "Line 3: “b@” is not a valid e-mail address." in capsys.readouterr().err
    assert not User.objects.exists()

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes("A Person,a@example.uz,chirchiq,,,"))
    call_command("import_users", str(good))
    assert "Imported 1 person" in capsys.readouterr().out
    assert User.objects.filter(email="a@example.uz").exists()


def test_admin_view_requires_the_import_permission(client, make_user, organizations):
    client.force_login(make_user("learner"))
    response = client.get(reverse("accounts_user_import"))
    # A signed-in learner gets a 403 page (issue 15), not Wagtail's sign-in loop.
    assert response.status_code == 403


def test_trainer_in_the_admin_cannot_import(client, make_user, organizations):
    client.force_login(make_user("trainer", groups=[TRAINERS]))
    upload = io.BytesIO(csv_bytes("A Person,a@example.uz,angren,,,"))
    upload.name = "staff.csv"
    response = client.post(reverse("accounts_user_import"), {"file": upload})
    # The Wagtail admin answers PermissionDenied with a redirect to its dashboard and a message.
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not User.objects.filter(email="a@example.uz").exists()


def test_admin_view_lists_bad_rows_and_imports_nothing(client, region_coordinator):
    admin_in_english(region_coordinator)
    client.force_login(region_coordinator)
    upload = io.BytesIO(csv_bytes("A Person,a@example.uz,angren,,,", "B Person,,angren,,,"))
    upload.name = "staff.csv"
    response = client.post(reverse("accounts_user_import"), {"file": upload})
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert "The e-mail address is empty." in response.content.decode()
    assert User.objects.count() == 1  # only the coordinator


def test_admin_view_imports_a_good_file(client, region_coordinator):
    admin_in_english(region_coordinator)
    client.force_login(region_coordinator)
    upload = io.BytesIO(csv_bytes("A Person,a@example.uz,angren,,,"))
    upload.name = "staff.csv"
    response = client.post(reverse("accounts_user_import"), {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "1 person imported" in response.content.decode()
    assert User.objects.filter(email="a@example.uz").exists()


def test_admin_view_explains_problems_in_uzbek_by_default(client, region_coordinator):
    client.force_login(region_coordinator)
    upload = io.BytesIO(csv_bytes("B Person,,angren,,,"))
    upload.name = "staff.csv"
    response = client.post(reverse("accounts_user_import"), {"file": upload})
    assert response.status_code == 400
    assert "Elektron pochta manzili koʻrsatilmagan." in response.content.decode()
