"""The Uzbek Cyrillic catalogues are generated from the Latin ones."""

import re
import subprocess

import polib
import pytest

from core import cyrillic_catalogues
from core.translit import to_cyrillic_message

PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")
LATIN_CATALOGUE = """msgid ""
msgstr ""
"Language: uz\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#, python-format
msgid "%(name)s joined {course}"
msgstr "%(name)s {course} kursiga qoʻshildi"

msgid "Read <a href=\\"https://gov.uz/uz\\">the law</a> first."
msgstr "Avval <a href=\\"https://gov.uz/uz\\">qonunni</a> oʻqing."

#, python-format
msgid "%(count)d lesson"
msgid_plural "%(count)d lessons"
msgstr[0] "%(count)d ta dars"

msgid "Not translated yet"
msgstr ""

#, fuzzy
msgid "Unsure"
msgstr "Shubhali"
"""


@pytest.fixture
def project(tmp_path):
    for where in ("locale", "quizzes/locale", "playbooks/locale"):
        catalogue = tmp_path / where / "uz" / "LC_MESSAGES" / "django.po"
        catalogue.parent.mkdir(parents=True)
        catalogue.write_text(LATIN_CATALOGUE, encoding="utf-8")
    ignored = tmp_path / ".venv" / "x" / "locale" / "uz" / "LC_MESSAGES" / "django.po"
    ignored.parent.mkdir(parents=True)
    ignored.write_text(LATIN_CATALOGUE, encoding="utf-8")
    return tmp_path


def test_every_uzbek_catalogue_gets_a_cyrillic_sibling(project):
    written = cyrillic_catalogues.write_all(project)
    assert sorted(str(path.relative_to(project)) for path in written) == [
        "locale/uz_Cyrl/LC_MESSAGES/django.po",
        "playbooks/locale/uz_Cyrl/LC_MESSAGES/django.po",
        "quizzes/locale/uz_Cyrl/LC_MESSAGES/django.po",
    ]
    quizzes = polib.pofile(str(project / "quizzes/locale/uz_Cyrl/LC_MESSAGES/django.po"))
    translations = {entry.msgid: entry for entry in quizzes}
    assert translations["%(name)s joined {course}"].msgstr == "%(name)s {course} курсига қўшилди"
    assert translations['Read <a href="https://gov.uz/uz">the law</a> first.'].msgstr == (
        'Аввал <a href="https://gov.uz/uz">қонунни</a> ўқинг.'
    )
    assert translations["%(count)d lesson"].msgstr_plural == {0: "%(count)d та дарс"}
    assert "python-format" in translations["%(name)s joined {course}"].flags
    # untranslated and fuzzy entries are left to the Latin fallback
    assert "Not translated yet" not in translations and "Unsure" not in translations
    assert quizzes.metadata["Language"] == "uz_Cyrl"


def test_the_root_catalogue_also_carries_djangos_and_allauths_strings(project):
    cyrillic_catalogues.write_all(project)
    root = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(project / "locale/uz_Cyrl/LC_MESSAGES/django.po"))
    }
    assert root["This field is required."] == "Ушбу майдон тўлдирилиши шарт."
    assert root["%(name)s joined {course}"] == "%(name)s {course} курсига қўшилди"


def test_check_mode_reports_stale_catalogues_and_writes_nothing(project):
    assert cyrillic_catalogues.write_all(project, check=True)
    assert not (project / "quizzes/locale/uz_Cyrl").exists()
    cyrillic_catalogues.write_all(project)
    assert cyrillic_catalogues.write_all(project, check=True) == []
    latin = project / "quizzes/locale/uz/LC_MESSAGES/django.po"
    latin.write_text(latin.read_text().replace("ta dars", "ta mashgʻulot"), encoding="utf-8")
    stale = cyrillic_catalogues.write_all(project, check=True)
    assert [str(path.relative_to(project)) for path in stale] == [
        "quizzes/locale/uz_Cyrl/LC_MESSAGES/django.po"
    ]


def test_generated_catalogues_compile(project):
    for path in cyrillic_catalogues.write_all(project):
        subprocess.run(  # noqa: S603
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
            check=True,
            capture_output=True,
        )


def test_the_projects_cyrillic_catalogues_are_current():
    stale = cyrillic_catalogues.write_all(check=True)
    assert not stale, "run `make messages` (make cyrillic-messages) to regenerate " + ", ".join(
        map(str, stale)
    )


def test_placeholders_survive_in_every_message_of_our_catalogues():
    for path in cyrillic_catalogues.project_catalogues():
        for entry in polib.pofile(str(path)):
            for latin in [entry.msgstr, *entry.msgstr_plural.values()]:
                cyrillic = to_cyrillic_message(latin)
                assert PLACEHOLDER.findall(cyrillic) == PLACEHOLDER.findall(latin), latin
