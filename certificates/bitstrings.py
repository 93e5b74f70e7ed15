"""W3C Bitstring Status List encoding: a GZIP-compressed bitstring, base64url without padding,
as a multibase string ('u...'). Index 0 is the left-most (most significant) bit of the first byte.
Pure functions, used by the site to publish a list and by the offline verifier to read one."""

import base64
import gzip

# The spec's minimum (16 KB): a list this long hides which certificate a verifier looks up.
LIST_LENGTH = 131_072


class BitstringError(ValueError):
    pass


def encode(indexes: set[int], length: int = LIST_LENGTH) -> str:
    bits = bytearray(length // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always give the same text (stable ETags).
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def bit_is_set(encoded_list: str, index: int) -> bool:
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise BitstringError("encodedList is not base64url multibase")
    text = encoded_list[1:]
    try:
        bits = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, OSError, EOFError) as error:
        raise BitstringError("encodedList cannot be decoded") from error
    if not 0 <= index < len(bits) * 8:
        raise BitstringError("statusListIndex is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
