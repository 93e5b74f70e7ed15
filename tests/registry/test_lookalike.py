import pytest

from registry.lookalike import handle_skeleton


@pytest.mark.parametrize(
    "impostor",
    [
        "mininfo",
        "MinInfo",
        "mіnіnfo",  # Cyrillic і
        "minіnfо",  # Cyrillic і and о
        "m1ninfo",  # digit one for i
        "mlnlnfo",  # l for i
        "min1nf0",  # zero for o
        "mininfo_official",
        "mininfo_uz",
        "rasmiy_mininfo",
        "mininfo_news",
        "miniinfo",  # a doubled letter
        "mininfoo",
        "mini.nfo",
        "MININFO_OFFICIAL",
    ],
)
def test_impostors_share_the_real_handles_skeleton(impostor):
    assert handle_skeleton(impostor) == handle_skeleton("mininfo")


@pytest.mark.parametrize("other", ["minfin", "mininform", "chirchiq", "uz", "official"])
def test_different_handles_do_not(other):
    assert handle_skeleton(other) != handle_skeleton("mininfo")


def test_rn_reads_as_m_and_decorations_never_empty_a_handle():
    assert handle_skeleton("rnininfo") == handle_skeleton("mininfo")
    assert handle_skeleton("uz_news") != ""
