"""The SVG charts: escaped text, proportional bars, an honest empty state, stable bytes."""

import re
from xml.etree import ElementTree

from django.utils import translation
from django.utils.safestring import SafeString

from core.charts import bar_chart_svg, histogram_svg, line_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes"'


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - our own output


def bars_of(root):
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"]


def texts_of(root, css_class):
    return [t.text for t in root.iter(f"{SVG}text") if t.get("class") == css_class]


def test_histogram_is_accessible_well_formed_and_labelled():
    svg = histogram_svg(
        [("0–10%", 1), ("10–20%", 4), ("20–30%", 0)],
        title="Grades",
        x_label="Grade",
        y_label="Attempts",
    )
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Grades"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}desc").text == "0–10%: 1; 10–20%: 4; 20–30%: 0"
    assert texts_of(root, "chart-label") == ["0–10%", "10–20%", "20–30%"]
    assert texts_of(root, "chart-value") == ["1", "4", "0"]
    heights = [float(rect.get("height")) for rect in bars_of(root)]
    assert heights[1] == 4 * heights[0] and heights[2] == 0
    assert "Grade" in texts_of(root, "chart-axis-label")
    assert "<script" not in svg


def test_every_user_string_is_escaped():
    charts = [
        histogram_svg([(HOSTILE, 1)], title=HOSTILE, x_label=HOSTILE, y_label=HOSTILE),
        bar_chart_svg([(HOSTILE, 50)], title=HOSTILE, unit="<b>"),
        line_chart_svg([(HOSTILE, 1), ("b", 2)], title=HOSTILE, y_label=HOSTILE),
        histogram_svg([], title=HOSTILE, x_label="", y_label=""),
    ]
    for svg in charts:
        assert "<script>" not in svg and "<b>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)  # still well-formed XML
        assert root.find(f"{SVG}title").text == HOSTILE


def test_horizontal_bar_widths_are_proportional_to_value_over_max():
    svg = bar_chart_svg(
        [("Chirchiq", 50), ("Angren", 100), ("Agency", 25), ("Over", 150), ("Under", -5)],
        title="Completion by organisation",
    )
    root = parse(svg)
    tracks = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-track"]
    full = float(tracks[0].get("width"))
    widths = [float(rect.get("width")) for rect in bars_of(root)]
    assert widths == [full / 2, full, full / 4, full, 0]  # clamped to the track
    assert texts_of(root, "chart-label") == ["Chirchiq", "Angren", "Agency", "Over", "Under"]
    assert texts_of(root, "chart-value") == ["50%", "100%", "25%", "150%", "-5%"]


def test_bar_chart_with_another_scale_and_unit():
    root = parse(bar_chart_svg([("a", 3), ("b", 1.5)], title="Hours", max_value=6, unit=" h"))
    widths = [float(rect.get("width")) for rect in bars_of(root)]
    assert widths[0] == 2 * widths[1]
    assert texts_of(root, "chart-value") == ["3 h", "1.5 h"]
    assert root.find(f"{SVG}desc").text == "a: 3 h; b: 1.5 h"


def test_line_chart_points_follow_the_values():
    root = parse(line_chart_svg([("Jan", 10), ("Feb", 30), ("Mar", 20)], title="T", y_label="%"))
    circles = list(root.iter(f"{SVG}circle"))
    ys = [float(c.get("cy")) for c in circles]
    xs = [float(c.get("cx")) for c in circles]
    assert ys[1] < ys[2] < ys[0]  # higher value, higher on the page
    assert xs[0] < xs[1] < xs[2]
    assert xs[1] - xs[0] == xs[2] - xs[1]
    assert texts_of(root, "chart-label") == ["Jan", "Feb", "Mar"]
    polyline = root.find(f"{SVG}polyline")
    assert len(polyline.get("points").split()) == 3


def test_line_chart_with_one_point_and_with_negative_values():
    parse(line_chart_svg([("only", 5)], title="T", y_label="y"))
    root = parse(line_chart_svg([("a", -10), ("b", 10)], title="T", y_label="y"))
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert ys[0] > ys[1]


def test_empty_data_says_so_instead_of_drawing_nothing():
    with translation.override("uz"):
        empty = translation.gettext("No data yet.")
        charts = (
            histogram_svg([], title="Grades", x_label="x", y_label="y"),
            bar_chart_svg([], title="Grades"),
            line_chart_svg([], title="Grades", y_label="y"),
        )
    assert empty == "Hozircha maʼlumot yoʻq."
    for svg in charts:
        root = parse(svg)
        assert root.get("role") == "img"
        assert texts_of(root, "chart-empty") == [empty]
        assert root.find(f"{SVG}desc").text == empty
        assert not bars_of(root)


def test_output_is_deterministic_and_ids_differ_between_charts():
    first = bar_chart_svg([("a", 1)], title="A")
    assert first == bar_chart_svg([("a", 1)], title="A")
    other = bar_chart_svg([("a", 2)], title="A")
    id_of = re.compile(r'<title id="([^"]+)"')
    assert id_of.search(first).group(1) != id_of.search(other).group(1)


def test_numbers_are_short_and_never_scientific():
    svg = histogram_svg([("a", 3), ("b", 7)], title="T", x_label="x", y_label="y")
    assert "e-" not in svg and '.0"' not in svg
    assert texts_of(parse(svg), "chart-tick") == ["0", "2", "4", "6", "8", "10"]


def test_counts_get_whole_number_ticks():
    svg = str(
        line_chart_svg([("01.2027", 1), ("02.2027", 2)], title="T", y_label="n", whole_numbers=True)
    )
    ticks = re.findall(r'class="chart-tick"[^>]*>([^<]+)<', svg)
    assert ticks == ["0", "1", "2", "3", "4", "5"]


def test_long_bar_labels_are_cut_to_fit_with_the_whole_label_as_a_tooltip():
    name = "Toshkent viloyati hokimligi axborot xizmati boʻlimi"
    svg = str(bar_chart_svg([(name, 40)], title="T"))
    assert f"<title>{name}</title>" in svg
    shown = re.search(r"</title>([^<]+)</text>", svg).group(1)
    assert shown.endswith("…") and len(shown) <= 30
