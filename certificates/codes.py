"""Certificate codes people can read out and type: MQ-7KD4-Q9XA, without the characters that are
easy to confuse (0/O, 1/I/L, U/V)."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "MQ"
CODE_PATTERN = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def code_generate() -> str:
    groups = ["".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(2)]
    return "-".join([PREFIX, *groups])


def code_normalise(text: str) -> str:
    """Upper case without spaces, as people type a code from paper."""
    return re.sub(r"\s+", "", text).upper()
