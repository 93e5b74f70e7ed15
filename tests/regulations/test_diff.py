"""The readable diff between two versions: sections paired by heading, sentences added,
removed and changed (by hand, no database)."""

from regulations.diff import ADDED, CHANGED, REMOVED, SAME, code_diff, sentence_diff, sentences


def test_sentences_split_on_end_punctuation_and_lines():
    assert sentences("One rule. Two rules!\nThree?  Four;") == [
        "One rule.",
        "Two rules!",
        "Three?",
        "Four;",
    ]


def test_added_removed_and_changed_sentences():
    old = "Posts need approval. Logins are kept safe. Archive every post."
    new = "Posts need approval. Logins are kept safe by the unit. Answer appeals in time."
    kinds = [(change.kind, change.old, change.new) for change in sentence_diff(old, new)]
    assert kinds[0] == (SAME, "Posts need approval.", "Posts need approval.")
    assert kinds[1][0] == CHANGED
    assert (REMOVED, "Archive every post.", "") in kinds
    assert (ADDED, "", "Answer appeals in time.") in kinds


def test_a_changed_sentence_shows_its_words():
    [change] = sentence_diff("Logins are kept safe.", "Logins are kept safe by the unit.")
    assert change.kind == CHANGED
    assert change.words == [(SAME, "Logins are kept safe"), (ADDED, " by the unit"), (SAME, ".")]
    assert "".join(text for kind, text in change.words if kind != REMOVED) == change.new


def test_a_replaced_word_is_removed_then_added():
    [change] = sentence_diff("Answer appeals within ten days.", "Answer appeals within five days.")
    assert change.words == [
        (SAME, "Answer appeals within"),
        (REMOVED, " ten"),
        (ADDED, " five"),
        (SAME, " days."),
    ]


def test_sections_added_removed_changed_and_same():
    old = [("A", "One. Two."), ("B", "Three."), ("C", "Gone.")]
    new = [("A", "One. Two."), ("B", "Three, changed."), ("D", "New section.")]
    result = code_diff(old, new)
    assert [(section.kind, section.heading) for section in result] == [
        (SAME, "A"),
        (CHANGED, "B"),
        (CHANGED, "D"),  # a heading replaced in place reads as the section changed
    ]
    assert result[2].old_heading == "C"


def test_a_new_section_at_the_end_is_added():
    old = [("A", "One.")]
    new = [("A", "One."), ("B", "Two.")]
    result = code_diff(old, new)
    assert [(section.kind, section.heading) for section in result] == [(SAME, "A"), (ADDED, "B")]
    assert [change.kind for change in result[1].sentences] == [ADDED]
    assert not result[0].changed


def test_a_removed_section_is_shown_removed():
    result = code_diff([("A", "One."), ("B", "Two.")], [("A", "One.")])
    assert [(section.kind, section.heading) for section in result] == [(SAME, "A"), (REMOVED, "B")]
