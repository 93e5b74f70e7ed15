"""The Wagtail admin speaks Uzbek to trainers where Wagtail ships no Uzbek: the project catalogue
translates the strings of the screens trainers, methodologists and coordinators use."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_menu_and_dashboard_are_in_uzbek(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sahifalar" in html
    assert '"Pages"' not in html and ">Pages<" not in html
