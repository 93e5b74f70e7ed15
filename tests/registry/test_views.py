"""The register's pages: browsing, organisation pages, history, exports, reports, proposal and
review through the site, with their permissions and query counts."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from registry import services
from registry.models import Account, ImpostorReport, RegisterSnapshot, Review


@pytest.fixture
def register(register_account):
    return [
        register_account("t.me/mininfo_uz"),
        register_account("x.com/mininfo", network="x"),
        register_account("t.me/chirchiq_city", org="chirchiq", name="Chirchiq hokimligi"),
        register_account("fb.com/angren.city", network="facebook", org="angren", name="Angren"),
    ]


def test_register_lists_searches_and_filters(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        html = client.get("/en/registry/").content.decode()
    assert all(account.handle in html for account in register)
    html = client.get("/en/registry/", {"network": "x"}).content.decode()
    assert "mininfo_uz" not in html and ">mininfo<" in html
    html = client.get("/en/registry/", {"region": "tashkent-region"}).content.decode()
    assert "chirchiq_city" in html and "angren.city" in html and "mininfo_uz" not in html
    html = client.get("/en/registry/", {"q": "https://t.me/Chirchiq_City"}).content.decode()
    assert "chirchiq_city" in html and "mininfo_uz" not in html


def test_list_query_count_does_not_grow(client, register_account, django_assert_max_num_queries):
    for number in range(30):
        register_account(f"t.me/channel_number_{number}", org="chirchiq")
    with django_assert_max_num_queries(6):
        assert client.get("/registry/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/registry/organisations/tashkent-region/").status_code == 200


def test_organisation_page_lists_its_subtree(client, register):
    html = client.get("/en/registry/organisations/tashkent-region/").content.decode()
    assert "chirchiq_city" in html and "angren.city" in html and "Subordinate" in html
    assert client.get("/registry/organisations/nowhere/").status_code == 404


def test_account_page_shows_history_badge_and_closed_status(client, register, editor):
    account = register[0]
    services.account_status_change(editor=editor, account=account, status="closed", note="Eski")
    html = client.get(f"/en/registry/accounts/{account.pk}/").content.decode()
    assert "no longer active" in html and "Status changed: Closed" in html and "Eski" in html
    badge = client.get(f"/registry/accounts/{register[1].pk}/badge.svg")
    assert badge["Content-Type"] == "image/svg+xml" and b"<svg" in badge.content


def test_proposed_accounts_are_not_public(client, region_coordinator, organizations, networks):
    account = services.account_propose(
        proposer=region_coordinator,
        organization=organizations["chirchiq"],
        network=networks["telegram"],
        text="@secret_proposal",
        display_name="X",
        kind="body",
    )
    assert client.get(f"/registry/accounts/{account.pk}/").status_code == 404
    assert "secret_proposal" not in client.get("/registry/").content.decode()
    assert client.get("/registry/check.json", {"q": "@secret_proposal"}).json()["verdict"] == (
        "not_registered"
    )


def test_exports_csv_xlsx_json_with_the_date(client, register):
    response = client.get("/registry/official-accounts.csv")
    assert "official-accounts-20" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["organisation_code", "organisation", "network", "handle"]
    assert {row[3] for row in rows[1:]} == {a.handle for a in register}
    workbook = load_workbook(io.BytesIO(client.get("/registry/official-accounts.xlsx").content))
    assert workbook.active.max_row == len(register) + 1
    document = json.loads(client.get("/registry/official-accounts.json").content)
    assert document["count"] == len(register) and document["date"]


def test_archive_lists_snapshots(client, register):
    snapshot = services.snapshot_take()
    html = client.get("/en/registry/archive/").content.decode()
    day = snapshot.taken_on.isoformat()
    assert f"/en/registry/archive/{day}.json" in html
    assert client.get(f"/registry/archive/{day}.json").json()["count"] == len(register)
    assert client.get("/registry/archive/2001-01-01.json").status_code == 404
    assert RegisterSnapshot.objects.count() == 1


def test_citizen_reports_an_impostor_without_an_account(client, register):
    response = client.post(
        "/registry/report/", {"text": "https://t.me/mininfo_uz_official", "note": "Pul so'raydi"}
    )
    assert response.status_code == 302
    report = ImpostorReport.objects.get()
    assert report.imitated == register[0]


def test_report_form_errors_and_throttle(client, db):
    cache.clear()
    response = client.post("/en/registry/report/", {"text": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    for _ in range(5):
        client.post("/registry/report/", {"text": "@someone"})
    assert client.post("/registry/report/", {"text": "@someone"}).status_code == 429
    assert ImpostorReport.objects.count() == 5


def test_robot_reports_are_dropped(client, db):
    client.post("/registry/report/", {"text": "@someone", "website": "http://spam"})
    assert not ImpostorReport.objects.exists()


def test_coordinator_proposes_through_the_site(client, region_coordinator, organizations, networks):
    client.force_login(region_coordinator)
    page = client.get("/en/registry/propose/").content.decode()
    assert "Chirchiq" in page and "Information Agency" not in page  # only their subtree
    response = client.post(
        "/en/registry/propose/",
        {
            "organization": organizations["chirchiq"].pk,
            "network": networks["telegram"].pk,
            "text": "https://t.me/s/Chirchiq_Yangi",
            "display_name": "Chirchiq",
            "kind": "body",
            "evidence": "Buyruq 7",
        },
    )
    assert response.status_code == 302
    assert Account.objects.get().handle == "chirchiq_yangi"
    response = client.post(
        "/en/registry/propose/",
        {
            "organization": organizations["chirchiq"].pk,
            "network": networks["telegram"].pk,
            "text": "https://x.com/wrong",
            "display_name": "Chirchiq",
            "kind": "body",
        },
    )
    assert "not an address or handle of an account on Telegram" in response.content.decode()


def test_people_without_a_subtree_cannot_propose_or_review(client, make_user):
    client.force_login(make_user("citizen"))
    assert client.get("/registry/propose/").status_code == 403
    assert client.get("/registry/review/").status_code == 403
    assert client.post("/registry/review/1/", {"decision": "approve"}).status_code == 403


def test_editor_reviews_proposals_and_reports(
    client, editor, region_coordinator, organizations, networks, register
):
    account = services.account_propose(
        proposer=region_coordinator,
        organization=organizations["chirchiq"],
        network=networks["telegram"],
        text="@chirchiq_new",
        display_name="Chirchiq",
        kind="body",
    )
    report = services.report_submit(text="t.me/mininfo_uz_official")
    client.force_login(editor)
    page = client.get("/en/registry/review/").content.decode()
    assert "chirchiq_new" in page and "mininfo_uz_official" in page
    client.post(f"/registry/review/{account.pk}/", {"decision": "approve", "note": "OK"})
    account.refresh_from_db()
    assert account.review == Review.APPROVED
    client.post(
        f"/registry/review/reports/{report.pk}/", {"status": "confirmed", "outcome": "Done"}
    )
    report.refresh_from_db()
    assert report.status == "confirmed"
    response = client.post(
        f"/registry/accounts/{account.pk}/status/", {"status": "suspended", "note": "Buzilgan"}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.status == "suspended"


def test_networks_page_lists_what_may_not_be_published(client, db):
    html = client.get("/ru/registry/networks/").content.decode()
    assert "Telegram" in html and "Персональные данные граждан и сотрудников" in html


def test_header_links_to_the_check(client, db):
    html = client.get("/en/registry/").content.decode()
    assert 'href="/en/registry/check/"' in html


def test_browsing_is_rate_limited_per_address(client, db):
    cache.clear()
    for _ in range(120):
        client.get("/registry/organisations/nowhere/")
    assert client.get("/registry/").status_code == 429
    assert client.get("/registry/", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_admin_menu_shows_review_to_editors_only(client, editor, region_coordinator):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/registry/review/" in html
    client.force_login(region_coordinator)
    html = client.get("/admin/").content.decode()
    assert "/registry/review/" not in html


def test_badge_turns_red_when_the_account_is_closed(client, register, editor):
    account = register[0]
    assert b"#1d6b34" in client.get(f"/registry/accounts/{account.pk}/badge.svg").content
    services.account_status_change(editor=editor, account=account, status="closed", note="x")
    badge = client.get(f"/en/registry/accounts/{account.pk}/badge.svg").content.decode()
    assert "#a4161a" in badge and "Not active: check the register" in badge
