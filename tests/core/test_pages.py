import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from accounts.models import Employment, Organization, User
from core.models import HomePage


@pytest.fixture
def home_in_three_languages(db):
    home = HomePage.objects.get(depth=2)
    home.intro = "Oʻzbekcha kirish"
    home.save_revision().publish()
    for code, intro in (("ru", "Русское введение"), ("en", "English introduction")):
        locale = Locale.objects.create(language_code=code)
        translation = home.copy_for_translation(locale)
        translation.intro = intro
        translation.save_revision().publish()
    return home


class HomePageTests(WagtailPageTestCase):
    def test_home_page_is_the_site_root_and_renders(self):
        home = HomePage.objects.get(depth=2)
        self.assertPageIsRoutable(home)
        self.assertPageIsRenderable(home)

    def test_only_one_home_page_under_the_tree_root(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertFalse(HomePage.can_create_at(Page.objects.get(depth=1)))

    def test_home_page_admin_form_accepts_intro_and_body(self):
        home = HomePage.objects.get(depth=2)
        self.assertPageIsEditable(
            home,
            nested_form_data(
                {
                    "title": "Muloqot",
                    "slug": "home",
                    "intro": "Training in dialogue with citizens.",
                    "body": streamfield([("heading", "Start here")]),
                }
            ),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "intro", "legend"),
    [
        ("/", "uz", "Oʻzbekcha kirish", "Til"),
        ("/ru/", "ru", "Русское введение", "Язык"),
        ("/en/", "en", "English introduction", "Language"),
    ],
)
def test_home_is_served_in_each_language(
    client, home_in_three_languages, path, lang, intro, legend
):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert intro in html
    assert (
        f'<legend class="visually-hidden">{legend}</legend>' in html
    )  # the switcher is translated
    assert 'href="#main"' in html and '<main id="main"' in html  # skip link and landmark


@pytest.mark.django_db
def test_language_switch_keeps_the_page_and_remembers_the_choice(
    client, home_in_three_languages, make_user
):
    user = make_user("bahodir")
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    assert response.cookies["django_language"].value == "ru"
    user.refresh_from_db()
    assert user.preferred_language == "ru"

    response = client.post("/i18n/setlang/", {"language": "uz", "next": "/en/accounts/login/"})
    assert response["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_language_switch_ignores_foreign_redirects_and_unknown_languages(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies


@pytest.mark.django_db
def test_seed_demo_loads_one_user_per_role_and_is_idempotent(client):
    call_command("seed_demo", password="Demo-pass-2026", stdout=None)
    counts = (
        User.objects.count(),
        Organization.objects.count(),
        Employment.objects.count(),
        Page.objects.count(),
    )
    call_command("seed_demo", password="Demo-pass-2026")
    assert counts == (
        User.objects.count(),
        Organization.objects.count(),
        Employment.objects.count(),
        Page.objects.count(),
    )

    assert set(User.objects.values_list("username", flat=True)) == {
        "citizen",
        "learner",
        "coordinator",
        "trainer",
        "methodologist",
        "admin",
    }
    for username in ("citizen", "trainer", "admin"):
        response = client.post(
            "/accounts/login/", {"login": username, "password": "Demo-pass-2026"}
        )
        assert response.status_code == 302, username
        client.logout()
    assert User.objects.get(username="trainer").groups.filter(name="Trainers").exists()
    assert User.objects.get(username="admin").is_superuser
    for path in ("/", "/ru/", "/en/"):
        assert client.get(path).status_code == 200
