"""A query typed in either Uzbek script finds Uzbek content (stored in Latin)."""

import pytest

from core.models import HomePage
from core.translit import has_cyrillic, normalise_query, search_variants
from courses.models import CourseIndexPage, CoursePage


def test_normalise_query_turns_cyrillic_uzbek_into_latin():
    assert normalise_query("Фуқаролар мурожаати") == "Fuqarolar murojaati"
    assert normalise_query("  ўқув курси ") == "oʻquv kursi"
    assert normalise_query("fuqarolar") == "fuqarolar"  # already Latin
    assert normalise_query("Обращения граждан", "ru") == "Обращения граждан"  # not Uzbek
    assert normalise_query("Шаҳар", "uz-cyrl") == "Shahar"


def test_search_variants_give_both_scripts_typed_form_first():
    assert search_variants("Шаҳар ҳокимлиги") == ["Шаҳар ҳокимлиги", "Shahar hokimligi"]
    assert search_variants("gʻoya") == ["gʻoya", "ғоя"]
    assert search_variants("g'oya") == ["g'oya", "ғоя"]  # an ASCII apostrophe typed for ʻ
    assert search_variants("2024") == ["2024"]
    assert search_variants("   ") == []


def test_has_cyrillic():
    assert has_cyrillic("abc Ўзбек")
    assert not has_cyrillic("Oʻzbek")


@pytest.mark.django_db
def test_a_cyrillic_query_finds_a_latin_course():
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="Fuqarolar murojaatlari bilan ishlash",
            slug="murojaatlar",
            summary="Ijtimoiy tarmoqlarda javob berish.",
            estimated_minutes=30,
        )
    )
    course.save_revision().publish()

    def found(query: str) -> list[str]:
        results = set()
        for variant in search_variants(query):
            results |= {page.title for page in CoursePage.objects.live().search(variant)}
        return sorted(results)

    assert found("мурожаатлари") == ["Fuqarolar murojaatlari bilan ishlash"]
    assert found("murojaatlari") == ["Fuqarolar murojaatlari bilan ishlash"]
    searched = CoursePage.objects.live().search(normalise_query("Фуқаролар"))
    assert [page.pk for page in searched] == [course.pk]
