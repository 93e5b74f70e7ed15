"""Readers switch Uzbek pages between Lotin and Кирилл."""

import re
import subprocess

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from accounts.invitations import invitation_token_make
from accounts.models import User
from accounts.tasks import invitation_send
from core import scripts
from core.caching import page_cache_key
from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def home(db):
    home = HomePage.objects.get(depth=2)
    home.intro = "Oʻzbekcha kirish: shahar hokimligi bilan muloqot."
    home.save_revision().publish()
    return home


@pytest.fixture
def lesson(home):
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="courses"))
    catalogue.save_revision().publish()
    course = catalogue.add_child(
        instance=CoursePage(
            title="Muloqot etikasi",
            slug="etika",
            summary="Davlat xizmatchilari uchun.",
            audience="public",
            estimated_minutes=30,
        )
    )
    course.save_revision().publish()
    lesson = course.add_child(
        instance=LessonPage(
            title="Fuqarolar bilan yozishma",
            slug="yozishma",
            estimated_minutes=10,
            body=[
                (
                    "rich_text",
                    '<p>Javobni <a href="https://gov.uz/oz/yozishma">gov.uz</a> saytidagi '
                    "namunaga qarab yozing. Savollar: info@muloqot.uz</p>",
                )
            ],
        )
    )
    lesson.save_revision().publish()
    return lesson


def test_the_cyrillic_catalogue_translates_the_interface_and_keeps_uzbek_urls(db):
    with scripts.override("uz", scripts.CYRILLIC):
        assert gettext("Language") == "Тил"
        assert gettext("Sign in") == "Кириш"
        assert gettext("This field is required.") == "Ушбу майдон тўлдирилиши шарт."  # Django's
        assert translation.get_language() == "uz"
        assert reverse("dashboard") == "/dashboard/"
    with scripts.override("uz", scripts.LATIN):
        assert gettext("Language") == "Til"
    with scripts.override("ru", scripts.CYRILLIC):
        assert gettext("Language") == "Язык"
        assert reverse("dashboard") == "/ru/dashboard/"


def test_django_knows_the_uz_cyrl_language():
    info = translation.get_language_info("uz-cyrl")
    assert info["name_local"] == "Ўзбекча"


def test_query_parameter_switches_the_page_and_a_cookie_keeps_it(client, home):
    response = client.get("/?script=cyrl")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uz-Cyrl">' in html
    assert "Ўзбекча кириш: шаҳар ҳокимлиги билан мулоқот." in html  # page content
    assert '<legend class="visually-hidden">Тил</legend>' in html  # interface, from uz_Cyrl
    assert response.cookies[scripts.COOKIE_NAME].value == "cyrl"

    again = client.get("/").content.decode()
    assert "Ўзбекча кириш" in again
    latin = client.get("/?script=latn").content.decode()
    assert "Oʻzbekcha kirish" in latin and '<html lang="uz">' in latin
    assert "Oʻzbekcha kirish" in client.get("/").content.decode()


def test_markup_links_and_language_names_are_left_as_written(client, home):
    html = client.get("/?script=cyrl").content.decode()
    assert 'href="/static/css/site.css"' in html
    assert ">English</button>" in html and ">Ўзбекча</button>" in html
    assert ">Lotin</button>" in html and ">Кирилл</button>" in html
    assert 'aria-current="true" class="is-current">Кирилл</button>' in html
    assert "Muloqot" not in html.split("<body", 1)[1].replace("/static/", "")  # brand in text
    assert "Мулоқот" in html


def test_the_switch_is_a_post_form_that_keeps_the_query_string(client, home):
    html = client.get("/?page=2&script=latn").content.decode()
    switch = html.split('<form class="script-switcher"', 1)[1].split("</form>", 1)[0]
    assert 'method="post" action="/i18n/setscript/" aria-label="Alifbo" translate="no">' in switch
    assert 'name="csrfmiddlewaretoken"' in switch
    assert '<input type="hidden" name="next" value="/?page=2">' in switch
    assert 'name="script" value="latn"' in switch and 'name="script" value="cyrl"' in switch


def test_russian_and_english_pages_are_never_transliterated_and_have_no_switch(client, home):
    locale = Locale.objects.create(language_code="ru")
    translation_ = home.copy_for_translation(locale)
    translation_.intro = "Русское введение, Latin words stay"
    translation_.save_revision().publish()
    client.cookies[scripts.COOKIE_NAME] = "cyrl"
    html = client.get("/ru/").content.decode()
    assert "Русское введение, Latin words stay" in html
    assert "script-switcher" not in html
    assert '<html lang="ru">' in html


def test_the_choice_is_kept_on_the_account(client, home, make_user):
    user = make_user("nodira")
    client.force_login(user)
    response = client.post("/i18n/setscript/", {"script": "cyrl", "next": "/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/?page=2"
    assert response.cookies[scripts.COOKIE_NAME].value == "cyrl"
    user.refresh_from_db()
    assert user.preferred_script == "cyrl"

    other_browser = type(client)()
    other_browser.force_login(user)
    assert "Ўзбекча кириш" in other_browser.get("/").content.decode()


def test_a_lesson_renders_in_both_scripts(client, lesson):
    latin = client.get(lesson.url).content.decode()
    cyrillic = client.get(lesson.url + "?script=cyrl").content.decode()
    assert "<h1>Fuqarolar bilan yozishma</h1>" in latin
    assert "<h1>Фуқаролар билан ёзишма</h1>" in cyrillic
    assert "<title>Фуқаролар билан ёзишма · Мулоқот</title>" in cyrillic
    # the link, its address and the e-mail address pass through untouched
    assert 'Жавобни <a href="https://gov.uz/oz/yozishma">gov.uz</a> сайтидаги' in cyrillic
    assert "info@muloqot.uz" in cyrillic


def test_anonymous_page_cache_keeps_the_scripts_apart(client, lesson):
    client.get(lesson.url)  # cached in Latin (its interface strings too)
    cyrillic_reader = type(client)()
    cyrillic_reader.cookies[scripts.COOKIE_NAME] = "cyrl"
    html = cyrillic_reader.get(lesson.url).content.decode()
    assert '<legend class="visually-hidden">Тил</legend>' in html
    assert "Fuqarolar" not in html
    assert "Fuqarolar" in client.get(lesson.url).content.decode()


def test_cache_key_names_the_script(lesson):
    latin_key = page_cache_key(RequestFactory().get(lesson.url))
    cyrillic = RequestFactory(headers={"accept-language": "uz-Cyrl-UZ,ru;q=0.5"}).get(lesson.url)
    assert page_cache_key(cyrillic) != latin_key
    by_cookie = RequestFactory().get(lesson.url)
    by_cookie.COOKIES[scripts.COOKIE_NAME] = "cyrl"
    assert page_cache_key(by_cookie) == page_cache_key(cyrillic)


def test_forms_keep_what_the_reader_typed():
    html = (
        '<p>Savol</p><textarea name="q">Salom dunyo</textarea>'
        '<span translate="no">Karimov Bahodir</span> <b>va</b>'
    )
    assert scripts.html_to_cyrillic(html) == (
        '<p>Савол</p><textarea name="q">Salom dunyo</textarea>'
        '<span translate="no">Karimov Bahodir</span> <b>ва</b>'
    )


def test_admin_and_non_html_responses_are_untouched(admin_client, home):
    admin_client.cookies[scripts.COOKIE_NAME] = "cyrl"
    html = admin_client.get("/admin/").content.decode()
    assert "Кирилл" not in html and "Дашбоард" not in html
    response = admin_client.get("/healthz")
    assert response["Content-Type"] == "application/json"


def test_a_bad_script_value_is_ignored(client, home):
    response = client.get("/?script=arab")
    assert response.status_code == 200
    assert scripts.COOKIE_NAME not in response.cookies
    assert "Oʻzbekcha kirish" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "cyrillic"),
    [
        ("uz-Cyrl-UZ,uz;q=0.9,ru;q=0.8", True),
        ("uz-cyrl", True),
        ("ru,uz-Cyrl;q=0.5", True),
        ("uz-Latn,uz-Cyrl;q=0.5", False),
        ("uz,en;q=0.5", False),
        ("", False),
    ],
)
def test_a_browser_asking_for_uzbek_cyrillic_gets_it_until_the_reader_chooses(
    client, home, header, cyrillic
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=header).content.decode()
    assert ("Ўзбекча кириш" in html) is cyrillic
    client.get("/?script=latn")
    assert "Oʻzbekcha kirish" in client.get("/", HTTP_ACCEPT_LANGUAGE=header).content.decode()


def test_an_invitation_to_a_cyrillic_reader_is_written_in_cyrillic(make_user, mailoutbox):
    user = make_user("olim", preferred_script=scripts.CYRILLIC)
    user.set_unusable_password()
    user.save()
    invitation_send.call(user.pk)
    assert mailoutbox[0].subject == "Мулоқот: ҳисобингиз тайёр"
    assert translation.get_language() != "uz-cyrl"  # nothing leaks out of the override


def test_a_string_missing_from_the_cyrillic_catalogue_falls_back_to_latin_uzbek(settings, tmp_path):
    catalogues = {
        "uz": {"Language": "Til", "Fallback probe only in Latin": "Faqat lotinda"},
        "uz_Cyrl": {"Language": "Тил"},
    }
    for locale_name, messages in catalogues.items():
        directory = tmp_path / locale_name / "LC_MESSAGES"
        directory.mkdir(parents=True)
        entries = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in messages.items())
        (directory / "django.po").write_text(
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
            encoding="utf-8",
        )
        subprocess.run(  # noqa: S603
            ["msgfmt", "-o", str(directory / "django.mo"), str(directory / "django.po")],  # noqa: S607
            check=True,
        )
    settings.LOCALE_PATHS = [tmp_path]  # resets Django's translation cache
    with scripts.override("uz", scripts.CYRILLIC):
        assert gettext("Language") == "Тил"
        # Latin Uzbek; a page still shows it transliterated.
        assert gettext("Fallback probe only in Latin") == "Faqat lotinda"
        assert gettext("Nowhere to be found") == "Nowhere to be found"


def test_allauth_e_mails_follow_the_readers_script(client, make_user, mailoutbox):
    make_user("zarina", email="zarina@example.uz")
    client.cookies[scripts.COOKIE_NAME] = scripts.CYRILLIC
    response = client.post("/accounts/password/reset/", {"email": "zarina@example.uz"})
    assert response.status_code == 302
    message = mailoutbox[0]
    assert message.subject.startswith("Мулоқот: ")
    assert not re.search("[A-Za-z]", message.subject)
    assert "http://testserver/accounts/password/reset/key/" in message.body  # link untouched
    assert "Сиз ёки бошқа биров" in message.body  # allauth's text, from the Cyrillic catalogue
    assert "номингиз zarina." in message.body  # the username as it must be typed


def test_the_invitation_page_shows_the_login_as_it_must_be_typed(client, db):
    user = User.objects.create_user(
        username="shahnoza", email="shahnoza@example.uz", full_name="Shahnoza Aliyeva"
    )
    user.set_unusable_password()
    user.save()
    url = reverse("accounts:invitation_accept", kwargs={"token": invitation_token_make(user)})
    html = client.get(url + "?script=cyrl").content.decode()
    assert "Хуш келибсиз, Шаҳноза Алиева." in html
    assert '<strong translate="no">shahnoza</strong>' in html


def test_alt_text_tooltips_and_the_page_description_are_transliterated():
    html = (
        '<meta name="description" content="Oʻquv platformasi">'
        '<img src="/media/shahar.png" alt="Shahar hokimligi binosi">'
        '<a href="https://gov.uz/uz" title="Davlat portali">portal</a>'
        '<input name="q" placeholder="Qidirish" value="salom">'
        '<code>title="asl"</code><script>let s = \'<img alt="asl">\';</script>'
    )
    assert scripts.html_to_cyrillic(html) == (
        '<meta name="description" content="Ўқув платформаси">'
        '<img src="/media/shahar.png" alt="Шаҳар ҳокимлиги биноси">'
        '<a href="https://gov.uz/uz" title="Давлат портали">портал</a>'
        '<input name="q" placeholder="Қидириш" value="salom">'
        '<code>title="asl"</code><script>let s = \'<img alt="asl">\';</script>'
    )


def test_a_get_link_shows_the_script_but_never_writes_the_account(client, home, make_user):
    """Issue 15, item 5: a cross-site link with ?script= cannot change a reader's preference."""
    user = make_user("nodira")
    client.force_login(user)
    html = client.get("/?script=cyrl").content.decode()
    assert "Ўзбекча кириш" in html
    user.refresh_from_db()
    assert user.preferred_script == "latn"


def test_the_switch_needs_a_csrf_token_and_refuses_other_sites(home, make_user):
    user = make_user("nodira")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.post("/i18n/setscript/", {"script": "cyrl"}).status_code == 403
    user.refresh_from_db()
    assert user.preferred_script == "latn"
    assert browser.get("/i18n/setscript/").status_code == 405
    response = browser.post(
        "/i18n/setscript/",
        {"script": "cyrl", "next": "https://evil.example/"},
        HTTP_X_CSRFTOKEN=_csrf_token(browser),
    )
    assert response["Location"] == "/"


def _csrf_token(browser) -> str:
    browser.get("/")
    return browser.cookies["csrftoken"].value


def test_the_switch_is_rate_limited_with_a_translated_page(client, home, settings):
    settings.MULOQOT_RATE_LIMITS = {"script": (2, 60)}
    for _ in range(2):
        assert client.post("/i18n/setscript/", {"script": "latn"}).status_code == 302
    response = client.post("/i18n/setscript/", {"script": "cyrl"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Juda koʻp soʻrov" in response.content.decode()
