"""Registry editors keep the list of approved networks in the Wagtail admin."""

from registry.models import Network
from registry.selectors import Verdict, account_check


def test_editor_withdraws_a_network_and_sets_what_may_not_be_published(client, editor, networks):
    tiktok = networks["tiktok"]
    assert account_check("tiktok.com/@someone").verdict == Verdict.NOT_REGISTERED  # cached
    client.force_login(editor)
    url = f"/admin/snippets/registry/network/edit/{tiktok.pk}/"
    page = client.get(url)
    assert (
        page.status_code == 200
        and 'type="checkbox" name="restricted_kinds"' in page.content.decode()
    )
    response = client.post(
        url,
        {
            "name": "TikTok",
            "code": "tiktok",
            "hosts": "tiktok.com",
            "approved_on": "",
            "restricted_kinds": ["personal_data", "advertising"],
            "sort_order": "70",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tiktok = Network.objects.get(pk=tiktok.pk)
    assert not tiktok.is_approved and tiktok.restricted_kinds == ["personal_data", "advertising"]
    assert account_check("tiktok.com/@someone").verdict == Verdict.NETWORK_NOT_APPROVED


def test_coordinators_cannot_edit_networks(client, region_coordinator, networks):
    client.force_login(region_coordinator)
    response = client.get(f"/admin/snippets/registry/network/edit/{networks['x'].pk}/")
    assert response.status_code in {302, 403}
