"""One date style per language: English never shows 01/04/2027 for 4 January."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2027, 1, 4)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Jan. 4, 2027"), ("uz", "4-Yanvar, 2027-yil"), ("ru", "4 января 2027 г.")],
)
def test_short_and_long_dates_are_the_same_style(language, expected):
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"day": DAY})) == f"{expected}|{expected}"
