"""The MIST scores of one sitting (Maertens et al., "The Misinformation Susceptibility Test",
Behavior Research Methods 2024), from four counts.

With n true and n invented headlines:

- real-news detection ``r``: true headlines called real (0..n);
- fake-news detection ``f``: invented headlines called fake (0..n);
- veracity discernment ``v = r + f`` (0..2n), the number of right answers;
- distrust ``d``: how many more headlines were called fake than there are invented ones,
  ``max(0, said_fake - n)``; naivety ``n``: the same for "real", ``max(0, said_real - n)``.
  At most one of them is above zero: they show a leaning, not an error count.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    real_items: int
    fake_items: int
    real_detection: int
    fake_detection: int

    @property
    def items(self) -> int:
        return self.real_items + self.fake_items

    @property
    def discernment(self) -> int:
        return self.real_detection + self.fake_detection

    @property
    def said_fake(self) -> int:
        return (self.real_items - self.real_detection) + self.fake_detection

    @property
    def said_real(self) -> int:
        return self.items - self.said_fake

    @property
    def distrust(self) -> int:
        return max(0, self.said_fake - self.fake_items)

    @property
    def naivety(self) -> int:
        return max(0, self.said_real - self.real_items)

    def as_dict(self) -> dict:
        return {
            "discernment": self.discernment,
            "real_detection": self.real_detection,
            "fake_detection": self.fake_detection,
            "distrust": self.distrust,
            "naivety": self.naivety,
            "items": self.items,
        }


def scores_from_answers(answers) -> Scores:
    """``answers``: (is_real, said_real) pairs, one per headline."""
    answers = list(answers)
    return Scores(
        real_items=sum(1 for is_real, _said in answers if is_real),
        fake_items=sum(1 for is_real, _said in answers if not is_real),
        real_detection=sum(1 for is_real, said in answers if is_real and said),
        fake_detection=sum(1 for is_real, said in answers if not is_real and not said),
    )


def scores_of(sitting) -> Scores:
    return Scores(
        real_items=sitting.real_items,
        fake_items=sitting.fake_items,
        real_detection=sitting.real_said_real,
        fake_detection=sitting.fake_said_fake,
    )
