"""Uzbek Cyrillic ⇄ Uzbek Latin (the official 1995 alphabet) transliteration.

``to_latin(text)`` and ``to_cyrillic(text)`` convert running text, HTML included.

Letters
    а a, б b, в v, г g, д d, ж j, з z, и i, й y, к k, л l, м m, н n, о o, п p, р r,
    с s, т t, у u, ф f, х x, ч ch, ш sh, ё yo, ю yu, я ya, ў oʻ, қ q, ғ gʻ, ҳ h,
    ъ ʼ (the tutuq belgisi).  Latin writes oʻ and gʻ with U+02BB MODIFIER LETTER
    TURNED COMMA and the tutuq belgisi with U+02BC MODIFIER LETTER APOSTROPHE.
    Foreign letters: ы → i, щ → sh, ь is dropped (see the exceptions); in the
    other direction c → ц and w → в.  ``нг`` is two letters in both scripts
    (н+г ⇄ n+g); ``ng`` never becomes one letter.

Context rules, Cyrillic → Latin
    е is ``ye`` at the start of a word and after a vowel, ъ or ь (ер → yer,
    поезд → poyezd, реестр → reyestr, Мирзиёев → Mirziyoyev), ``e`` after a
    consonant; э is always ``e``.
    ц is ``ts`` after a vowel (милиция → militsiya, Швеция → Shvetsiya) and ``s``
    at the start of a word or after a consonant (цирк → sirk, акция → aksiya,
    концерт → konsert).
    с before ҳ is written ``sʼh`` so it is not read as ш (Исҳоқ → Isʼhoq).
    ь before о gives ``y`` (батальон → batalyon); every other ь is dropped.

Context rules, Latin → Cyrillic
    e is э at the start of a word and after a vowel or ʼ (elektron → электрон,
    aeroport → аэропорт), е after a consonant.
    ye is е at the start of a word and after a vowel or ʼ (yer → ер,
    reyestr → реестр); after a consonant it can only come from a soft or hard
    sign and becomes ье (premyer → премьер, karyera → карьера); the few words
    with ъе (obyekt → объект, subyekt → субъект) are exceptions.
    yo yu ya are ё ю я everywhere, also after a consonant (aktyor → актёр,
    byudjet → бюджет, qoʻlyozma → қўлёзма) – but ``yoʻ`` is й+ў (yoʻl → йўл).
    sʼh is с+ҳ (Isʼhoq → Исҳоқ).
    ts is тс (ketsa → кетса, aytsin → айтсин, otsiz → отсиз) except after a
    vowel when followed by e or by i and a vowel, the shape of the Russian
    suffixes -ция/-цион and of -це-: federatsiya → федерация, litsey → лицей,
    patsiyent → пациент.  Uzbek suffixes after a stem in t (-sa, -sin, -siz,
    -sak) never have that shape, so they keep тс.  s after k or p before iya/ion,
    and after n before iya, is ц as well: aksiya → акция, funksional →
    функционал, korrupsiya → коррупция, stansiya → станция (пенсия and экспансия
    are exceptions).
    Look-alike apostrophes are accepted on input: o' g' o` g` o‘ g‘ o’ g’ are
    oʻ gʻ (o only when a letter follows, so a closing quote after o survives);
    ' ’ ` ‘ between two other letters are the tutuq belgisi (maʼlumot).  The
    real U+02BC after o or g is left as the tutuq belgisi.

Case
    Words are converted letter by letter, so case is kept; a letter that becomes
    two (ш ⇄ sh, ё ⇄ yo, ц ⇄ ts, е ⇄ ye …) is written in capitals when the next
    letter is a capital, or when the previous one is and the next is not a small
    letter: ШАҲАР ⇄ SHAHAR, Шаҳар ⇄ Shahar, АҚШ ⇄ AQSH, АҚШда ⇄ AQShda, Ш. ⇄ Sh.
    ʼ between capitals is Ъ (MAʼLUMOT → МАЪЛУМОТ).

Exceptions
    ``EXCEPTIONS`` maps Cyrillic words to Latin ones for words the rules get
    wrong in either direction: Russian loanwords with ц at the start of a word or
    after a consonant (цирк ⇄ sirk, концерт ⇄ konsert), with ь (сентябрь ⇄
    sentabr, фильм ⇄ film, компьютер ⇄ kompyuter), with ъ before е (объект ⇄
    obyekt), with э after a consonant (мэр ⇄ mer), with йо (майор ⇄ mayor), and
    Uzbek words written with ўъ whose ъ Latin drops (мўъжиза ⇄ moʻjiza), and names
    of services kept in their own spelling in Latin text (Facebook ⇄ Фейсбук,
    YouTube ⇄ Ютуб; Telegram and Instagram need no entry).  An entry
    matches the whole word, in any case, optionally followed by a chain of common
    suffixes (``SUFFIXES``: konsertlarda, sentabrdan); a final ь is dropped before
    a suffix, as Uzbek Cyrillic does (сентябрь, сентябрдан).  A longer word that
    only starts like an entry is left to the rules (sirka → сирка, not цирка).

Left alone
    HTML tags (with their attributes), comments, entities, the contents of
    <code>, <pre>, <script> and <style>, URLs (http://, https://, ftp://, www.),
    e-mail addresses and bare domain names (kun.uz, OK.ru); digits are never
    touched.  ``to_cyrillic`` also keeps Roman numerals (XXI asr → XXI аср), but
    not a single letter followed by a full stop and a capital (I. Karimov → И.
    Каримов).

Speed
    Each direction is a dozen whole-text passes – precompiled regexes that start
    with a literal or a small class, str.replace, and a final letter-for-letter
    step through an 8-bit charmap codec – over the plain text of the whole input,
    protected passages being swapped for a placeholder (U+0000, U+0001; input
    that contains these is converted piece by piece instead).  A 5,000-word HTML
    lesson takes about 2–3 ms each way (``bench/translit.py``).

Limitations
    The rules cannot know a word's origin: foreign words written in Latin inside
    Latin text (Facebook, Telegram) are transliterated by ``to_cyrillic``; ``ts``
    in loanwords the rule above does not cover, ``йо``/``йу`` and ``ь`` in words
    missing from ``EXCEPTIONS`` do not survive a round trip; щ and ы come back as
    ш and и; э after a consonant (Хэтч) comes back as е.  A tag inside a word
    (Тошк<b>е</b>нт) counts as a word boundary for the е/э and ц rules.
"""

from __future__ import annotations

import codecs
import re

__all__ = [
    "EXCEPTIONS",
    "SUFFIXES",
    "both_scripts",
    "has_cyrillic",
    "normalise_query",
    "search_variants",
    "to_cyrillic",
    "to_cyrillic_message",
    "to_latin",
]

OKINA = "\u02bb"  # ʻ in oʻ and gʻ
TUTUQ = "\u02bc"  # ʼ, the tutuq belgisi

# Cyrillic words (as written in a dictionary) whose Latin form the general rules
# do not produce, or do not turn back into the Cyrillic word.
EXCEPTIONS: dict[str, str] = {
    # ц at the start of a word or after a consonant (Latin s → rules give с)
    "цирк": "sirk",
    "цемент": "sement",
    "цех": "sex",
    "центр": "sentr",
    "центнер": "sentner",
    "цензура": "senzura",
    "цитата": "sitata",
    "цивилизация": "sivilizatsiya",
    "цилиндр": "silindr",
    "концерт": "konsert",
    "концепция": "konsepsiya",
    "концентрация": "konsentratsiya",
    "концерн": "konsern",
    "конференция": "konferensiya",
    "акцент": "aksent",
    "принцип": "prinsip",
    "сценарий": "ssenariy",
    "Швейцария": "Shveysariya",
    "шприц": "shprits",
    "рицарь": "ritsar",
    "лицензия": "litsenziya",
    "пенсия": "pensiya",
    "экспансия": "ekspansiya",
    "аксиома": "aksioma",
    # ь (dropped in Latin; kept at the end of a Cyrillic word)
    "январь": "yanvar",
    "февраль": "fevral",
    "апрель": "aprel",
    "июнь": "iyun",
    "июль": "iyul",
    "сентябрь": "sentabr",
    "октябрь": "oktabr",
    "ноябрь": "noyabr",
    "декабрь": "dekabr",
    "роль": "rol",
    "пароль": "parol",
    "контроль": "kontrol",
    "фильм": "film",
    "модель": "model",
    "мебель": "mebel",
    "автомобиль": "avtomobil",
    "стиль": "stil",
    "профиль": "profil",
    "портфель": "portfel",
    "спектакль": "spektakl",
    "фестиваль": "festival",
    "медаль": "medal",
    "рубль": "rubl",
    "дизель": "dizel",
    "магистраль": "magistral",
    "календарь": "kalendar",
    "секретарь": "sekretar",
    "лагерь": "lager",
    "апельсин": "apelsin",
    "альбом": "albom",
    "пульт": "pult",
    "компьютер": "kompyuter",
    "интервью": "intervyu",
    "Нью-Йорк": "Nyu-York",
    "батальон": "batalyon",
    "павильон": "pavilyon",
    "почтальон": "pochtalyon",
    "бульон": "bulyon",
    # ъ before е in Russian words (Latin has no tutuq)
    "объект": "obyekt",
    "объектив": "obyektiv",
    "субъект": "subyekt",
    "инъекция": "inyeksiya",
    "съезд": "syezd",
    "адъютант": "adyutant",
    "конъюнктура": "konyunktura",
    # э after a consonant
    "мэр": "mer",
    "мэрия": "meriya",
    # йо
    "майор": "mayor",
    "район": "rayon",
    "майонез": "mayonez",
    "йогурт": "yogurt",
    # names of services written in their own Latin spelling in Uzbek Latin text
    "Фейсбук": "Facebook",
    "Ютуб": "YouTube",
    "Ватсап": "WhatsApp",
    "Гугл": "Google",
    "Википедия": "Wikipedia",
    # ўъ: Latin drops the tutuq after oʻ
    "мўъжиза": "moʻjiza",
    "мўъжаз": "moʻjaz",
    "мўътабар": "moʻtabar",
    "мўътадил": "moʻtadil",
    "мўъмин": "moʻmin",
}

# Suffixes an exception may carry (Latin spelling; chains such as -lar-imiz-da).
SUFFIXES: tuple[str, ...] = (
    "lar", "ning", "ni", "ga", "ka", "qa", "da", "dan", "dagi", "gi", "gacha", "i", "si",
    "im", "imiz", "ing", "ingiz", "m", "miz", "ng", "ngiz", "cha", "chi", "dek", "day",
    "mi", "ku", "gina", "dir", "siz", "li", "lik", "kor", "iy", "lash", "lashtir", "ish",
)  # fmt: skip

# --- character classes -----------------------------------------------------------------

_CYR_VOWELS = "аеёиоуэюяўы"
_CYR_CONS = "бвгджзйклмнпрстфхцчшщқғҳ"
_LAT_VOWELS = "aeiou"
_LAT_CONS = "bcdfghjklmnpqrstvwxyz"
_CYR_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ"

_VOWELS = "".join({*_CYR_VOWELS, *_CYR_VOWELS.upper(), *_LAT_VOWELS, *_LAT_VOWELS.upper()})
_CONS = "".join({*_CYR_CONS, *_CYR_CONS.upper(), *_LAT_CONS, *_LAT_CONS.upper()})
_UPPER = "A-Z" + _CYR_LOWER.upper()
_LOWER = "a-z" + _CYR_LOWER
_CONS_SET = frozenset(_CONS)
_VOWEL_SET = frozenset(_VOWELS)

# --- passages left untouched -------------------------------------------------------------
#
# The text is cut into plain and protected pieces; the plain ones are joined with a
# placeholder, converted in one go (a handful of whole-text passes are much faster
# than many small ones) and cut apart again.  Every regex below starts with a literal
# or a small class, so a scan skips quickly to the next candidate.

_PH = "\x00"  # stands for markup, a URL or a Roman numeral while converting
_PH2 = "\x01"  # stands for an e-mail address or a bare domain while converting
_TLDS = "uz|ru|com|org|net|info|io|gov|edu|int|kz|tj|kg|tm|me|tv|app|dev|ai"
_URL_END = r"[^\s<>\"'«»“”.,;:!?)\]}]"
_URL_REST = rf"[^\s<>\"'«»“”]*{_URL_END}"
_ROMAN_GRAMMAR = r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
# Names and acronyms that Uzbek Cyrillic text writes in Latin letters, as their owners do (not
# "Яндех", "ТинЕе", "ҲТМЛ"). Uzbek acronyms (BMT, OAV) are not here: they are transliterated.
KEPT_NAMES = (
    "Yandex", "TinEye", "Bing", "InVID", "WeVerify", "HTML", "PDF", "DOCX", "XLSX",
    "ODT", "CSV", "JSON", "URL", "QR", "EXIF",
)  # fmt: skip
KEPT_NAMES_RE = r"(?<![\w])(?:" + "|".join(KEPT_NAMES) + r")(?![\w])"
# (name, regex, whether it may occur in a text); the first match at a position wins.
_PROTECTED = [
    ("comment", r"<!--.*?-->", lambda text: "<!--" in text),
    (
        "code",
        r"<(?i:code|pre|script|style)\b[^>]*>.*?</(?i:code|pre|script|style)\s*>",
        re.compile(r"<(?i:code|pre|script|style)\b").search,
    ),
    ("tag", r"</?[A-Za-z][^<>]*>|<![^<>]*>", lambda text: "<" in text),
    (
        "entity",
        r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
        lambda text: "&" in text,
    ),
    (
        "url",
        rf"https?://{_URL_REST}|ftp://{_URL_REST}|www\.{_URL_REST}",
        lambda text: "://" in text or "www." in text,
    ),
    ("name", KEPT_NAMES_RE, re.compile(KEPT_NAMES_RE).search),
]
# A whole word that is a valid Roman numeral (XXI, XIV, V; not DIL or MIL), one
# alternative per first letter; kept by to_cyrillic only.  A single letter followed
# by a full stop and a capital is an initial (I. Karimov), not a numeral.
_ROMAN = "|".join(
    rf"{c}(?<!\w{c})(?!\.\s*[A-Z])(?<=(?={_ROMAN_GRAMMAR}(?!\w)).)[MDCLXVI]*+" for c in "MDCLXVI"
)
_ROMAN_HINT = re.compile(_ROMAN).search
_protect_cache: dict[tuple[bool, ...], re.Pattern] = {}


def _split_protected(text: str, roman: bool) -> list[str]:
    """`text` cut into plain and protected pieces, alternately, plain first and last."""
    present = [bool(may_occur(text)) for _name, _regex, may_occur in _PROTECTED]
    present.append(roman and bool(_ROMAN_HINT(text)))
    if not any(present):
        return [text]
    key = tuple(present)
    regex = _protect_cache.get(key)
    if regex is None:
        regexes = [
            regex for (_n, regex, _m), there in zip(_PROTECTED, present[:-1], strict=True) if there
        ]
        if present[-1]:
            regexes.append(_ROMAN)
        regex = _protect_cache[key] = re.compile("(" + "|".join(regexes) + ")", re.DOTALL)
    return regex.split(text)


# E-mail addresses and bare domains (kun.uz, OK.ru) can start with any letter, so they
# are found from their @ or their top-level domain instead of by a scan.
_ADDRESS_HINT_RE = re.compile(rf"@|\.(?:{_TLDS})(?![\w-])", re.IGNORECASE)
_ADDRESS_RE = re.compile(
    r"[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|(?<![\w.@/-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*"
    rf"\.(?:{_TLDS})(?![\w-])(?:/[^\s<>\"']*{_URL_END})?"
)
_ADDRESS_STOP = frozenset(" \t\n\r\f\v\xa0" + _PH + _PH2 + "\"'«»“”()[]{}<>,;:")


def _split_addresses(text: str) -> list[str]:
    """Like `_split_protected`, for e-mail addresses and bare domain names."""
    if not ("@" in text or _ADDRESS_HINT_RE.search(text)):
        return [text]
    parts = []
    done = 0
    for hint in _ADDRESS_HINT_RE.finditer(text):
        if hint.start() < done:
            continue
        low, high = hint.start(), hint.end()
        while low > done and text[low - 1] not in _ADDRESS_STOP:
            low -= 1
        while high < len(text) and text[high] not in _ADDRESS_STOP:
            high += 1
        for match in _ADDRESS_RE.finditer(text, low, high):
            parts += [text[done : match.start()], match.group()]
            done = match.end()
    parts.append(text[done:])
    return parts


def _converted_around(text: str, core, split, placeholder: str) -> str:
    parts = split(text)
    if len(parts) == 1:
        return core(text)
    parts[0::2] = core(placeholder.join(parts[0::2])).split(placeholder)
    return "".join(parts)


def _convert(text: str, core, roman: bool) -> str:
    if not text:
        return text
    if _PH in text or _PH2 in text:  # the placeholders cannot be used: piece by piece
        parts = _split_protected(text, roman)
        for i in range(0, len(parts), 2):
            pieces = _split_addresses(parts[i])
            pieces[0::2] = [core(piece) for piece in pieces[0::2]]
            parts[i] = "".join(pieces)
        return "".join(parts)

    def core_around_addresses(masked: str) -> str:
        return _converted_around(masked, core, _split_addresses, _PH2)

    return _converted_around(text, core_around_addresses, lambda t: _split_protected(t, roman), _PH)


# --- exceptions ---------------------------------------------------------------------------

_SIMPLE_TO_CYR = str.maketrans("abdfgijklmnopqrstuvxyz", "абдфгижклмнопқрстувхйз")


def _suffix_to_cyrillic(suffix: str) -> str:
    # SUFFIXES hold no e, y+vowel, ts or oʻ/gʻ, so letter for letter is enough
    return suffix.replace("ch", "ч").replace("sh", "ш").translate(_SIMPLE_TO_CYR)


def _variants(word: str) -> set[str]:
    return {word, word.lower(), word.upper(), word[:1].upper() + word[1:].lower()}


def _trie(words) -> str:
    """A regex matching any of `words`, factored by common prefixes (much faster than a|b|c)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def _recase(source: str, canonical: str, target: str) -> str:
    """`target` in the case `source` has relative to its dictionary form `canonical`."""
    if source == canonical:
        return target
    if len(source) > 1 and source.isupper():
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:].lower()
    return target.lower()


# What may stand before a word.  The exception regexes start with one of these
# characters rather than with a look-behind: a scan for a small class is several
# times faster than trying the pattern at every position.
_BEFORE_WORD = "[ \n\t\r\f\v\xa0\u2007\u2009\u202f" + _PH + _PH2 + "(\\[«“„\"'‘’/\\-–—]"


def _build_exceptions():
    # Cyrillic side: a final ь is optional, so the stems are stored without it.
    cyr_by_stem = {}
    cyr_forms = set()
    for cyr in EXCEPTIONS:
        stem = cyr[:-1] if cyr.endswith("ь") else cyr
        cyr_by_stem[stem.lower()] = cyr
        cyr_forms |= _variants(stem)
    lat_index = {lat.lower(): cyr for cyr, lat in EXCEPTIONS.items()}
    if len(lat_index) != len(EXCEPTIONS) or len(cyr_by_stem) != len(EXCEPTIONS):
        raise ValueError("two EXCEPTIONS share a form")
    lat_forms = set().union(*(_variants(lat) for lat in EXCEPTIONS.values()))

    cyr_suffixes = {_suffix_to_cyrillic(s) for s in SUFFIXES}
    cyr_suffixes = {v for s in cyr_suffixes for v in (s, s.upper())}
    lat_suffixes = {v for s in SUFFIXES for v in (s, s.upper())}

    def compile_(forms, soft, suffixes):
        first = "".join(sorted({re.escape(form[0]) for form in forms}))
        return re.compile(
            f"({_BEFORE_WORD})(?=[{first}])({_trie(forms)}){soft}((?:{_trie(suffixes)})*)"
            r"(?![^\W\d_])"
        )

    cyr_re = compile_(cyr_forms, "([ьЬ]?)", cyr_suffixes)
    lat_re = compile_(lat_forms, "", lat_suffixes)
    return cyr_by_stem, cyr_re, lat_index, lat_re


_CYR_BY_STEM, _EXC_CYR_RE, _LAT_INDEX, _EXC_LAT_RE = _build_exceptions()


def _exception_to_latin(match: re.Match) -> str:
    before, stem, _soft, suffix = match.groups()
    cyr = _CYR_BY_STEM[stem.lower()]
    canonical = cyr[:-1] if cyr.endswith("ь") else cyr
    return before + _recase(stem, canonical, EXCEPTIONS[cyr]) + suffix


def _exception_to_cyrillic(match: re.Match) -> str:
    before, stem, suffix = match.groups()
    cyr = _LAT_INDEX[stem.lower()]
    out = _recase(stem, EXCEPTIONS[cyr], cyr)
    if suffix and out[-1:] in "ьЬ":
        out = out[:-1]
    return before + out + suffix


def _apply_exceptions(regex: re.Pattern, replace, text: str) -> str:
    # A space in front lets a word at the very start match like any other.
    return regex.sub(replace, " " + text)[1:]


# --- letter for letter ---------------------------------------------------------------------
#
# The last step of each direction maps single letters.  str.translate looks every
# character up in a dict (about 25 ns each); going through an 8-bit charmap codec
# instead – encode with a C lookup table, expand the few multi-letter results with
# bytes.replace, decode with another table – is about seven times faster.  Text with
# a character outside the codec's 256 falls back to str.translate.

_CODEC_CHARS = (
    [chr(i) for i in range(128)]
    + list(_CYR_LOWER + _CYR_LOWER.upper())
    + list(OKINA + TUTUQ + "“”«»„‘’‚‹›–—‑‐…№\xa0•·°§×±÷©®™€£¥′″¹²³½¼¾")
    + list("\u2009\u202f\u200b\u200c\u200d\u2060\ufeff")
)


class _LetterMap:
    """Replace single characters by strings, fast (see above)."""

    def __init__(self, mapping: dict[str, str]):
        # a list indexed by code point is a faster str.translate table than a dict
        self.fallback = [chr(i) for i in range(0x2070)]
        for char, replacement in mapping.items():
            self.fallback[ord(char)] = replacement
        chars = _CODEC_CHARS + ["\ufffe"] * (256 - len(_CODEC_CHARS))
        if len(chars) != 256:
            raise ValueError("too many characters for an 8-bit codec")
        byte = {char: i for i, char in enumerate(_CODEC_CHARS)}
        self.encoding = codecs.charmap_build("".join(chars))
        decoded = list(chars)
        self.expand = []
        for char, replacement in mapping.items():
            if len(replacement) == 1 and replacement in byte:
                decoded[byte[char]] = replacement
            else:  # several letters (ш → sh), or none (ь): rewrite the byte before decoding
                self.expand.append(
                    (bytes([byte[char]]), bytes(byte[letter] for letter in replacement))
                )
        self.decoding = "".join(decoded)

    def __call__(self, text: str) -> str:
        try:
            data = codecs.charmap_encode(text, "strict", self.encoding)[0]
        except UnicodeEncodeError:
            return text.translate(self.fallback)
        for single, several in self.expand:
            data = data.replace(single, several)
        return codecs.charmap_decode(data, "strict", self.decoding)[0]


# --- Cyrillic → Latin -------------------------------------------------------------------

_CYR_LETTERS = _CYR_LOWER + _CYR_LOWER.upper()
_HAS_CYRILLIC_RE = re.compile(f"[{_CYR_LETTERS}]")

_TO_LATIN_SINGLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": TUTUQ, "ы": "i", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o" + OKINA, "қ": "q", "ғ": "g" + OKINA, "ҳ": "h",
}  # fmt: skip
_TO_LATIN = _LetterMap(
    {
        **_TO_LATIN_SINGLE,
        **{c.upper(): lat[:1].upper() + lat[1:] for c, lat in _TO_LATIN_SINGLE.items()},
    }
)
# Capitals of letters that become two Latin letters, inside an all-capital word.
_CAPS_LATIN = {c.upper(): lat.upper() for c, lat in _TO_LATIN_SINGLE.items() if len(lat) == 2}
_CAPS_LATIN.pop("Ў")
_CAPS_LATIN.pop("Ғ")
_CAPS_LATIN_RE = re.compile(
    f"[{''.join(_CAPS_LATIN)}ЕЦ](?:(?<=[{_UPPER}].)(?![{_LOWER}])|(?=[{_UPPER}]))"
)

_YE_LOWER_RE = re.compile(f"е(?<![{_CONS}]е)")
_YE_UPPER_RE = re.compile(f"Е(?<![{_CONS}]Е)")
_TS_LOWER_RE = re.compile(f"ц(?<=[{_VOWELS}]ц)")
_TS_UPPER_RE = re.compile(f"Ц(?<=[{_VOWELS}]Ц)")


# с+ҳ is written sʼh so as not to read as sh; ь before о is y (батальон → batalyon).
_PAIRS_TO_LATIN = [
    ("сҳ", "sʼh"),
    ("Сҳ", "Sʼh"),
    ("СҲ", "SʼH"),
    ("ьо", "yo"),
    ("ЬО", "YO"),
    ("Ьо", "Yo"),
]


def _caps_to_latin(match: re.Match) -> str:
    letter = match.group()
    start = match.start()
    before = match.string[start - 1] if start else ""
    if letter == "Е":
        return "E" if before in _CONS_SET else "YE"
    if letter == "Ц":
        return "TS" if before in _VOWEL_SET else "S"
    return _CAPS_LATIN[letter]


def _to_latin_core(text: str) -> str:
    if not _HAS_CYRILLIC_RE.search(text):
        return text
    text = _apply_exceptions(_EXC_CYR_RE, _exception_to_latin, text)
    text = _CAPS_LATIN_RE.sub(_caps_to_latin, text)
    if "е" in text:
        text = _YE_LOWER_RE.sub("ye", text)
    if "Е" in text:
        text = _YE_UPPER_RE.sub("Ye", text)
    if "ц" in text:
        text = _TS_LOWER_RE.sub("ts", text)
    if "Ц" in text:
        text = _TS_UPPER_RE.sub("Ts", text)
    for cyr, lat in _PAIRS_TO_LATIN:
        text = text.replace(cyr, lat)
    return _TO_LATIN(text)


def to_latin(text: str) -> str:
    """Uzbek Cyrillic `text` in the official Uzbek Latin alphabet (markup kept)."""
    return _convert(text, _to_latin_core, roman=False)


# --- Latin → Cyrillic -------------------------------------------------------------------

_HAS_LATIN_RE = re.compile(f"[A-Za-z{OKINA}{TUTUQ}]")
_APOSTROPHES = "'`\u2018\u2019"
_APOSTROPHE_RE = re.compile(
    f"(?:(?<=[gG])|(?<=[oO])(?=[^\\W\\d_]))[{_APOSTROPHES}]"
    f"|(?<=[^\\W\\d_])[{_APOSTROPHES}](?=[^\\W\\d_])"
)

_TO_CYRILLIC_SINGLE = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ",
    "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х",
    "y": "й", "z": "з",
}  # fmt: skip
_TO_CYRILLIC = _LetterMap(
    {
        **_TO_CYRILLIC_SINGLE,
        **{lat.upper(): c.upper() for lat, c in _TO_CYRILLIC_SINGLE.items()},
        TUTUQ: "ъ",
    }
)

_UPPER_DIGRAPHS = {
    lat: cyr
    for lat0, cyr in (("yo", "Ё"), ("yu", "Ю"), ("ya", "Я"), ("sh", "Ш"), ("ch", "Ч"))
    for lat in (lat0.capitalize(), lat0.upper())
}
_UPPER_DIGRAPH_RE = re.compile("Y[oOuUaA]|S[hH]|C[hH]")  # literal first letters: fast scan
_S_TUTUQ_H_RE = re.compile(f"{TUTUQ}[hH](?<=[sS]{TUTUQ}.)")
_VOWELS_LAT = _VOWELS + "ўЎ"
_TS_RE = re.compile(f"ts(?<=[{_VOWELS_LAT}]ts)(?=e|i[aeiouy])")
_TS_UPPER_RE = re.compile(f"TS(?<=[{_VOWELS_LAT}]TS)(?=E|I[AEIOUY])")
_SI_RE = re.compile("si(?:(?<=[kp]si)(?=ya|on)|(?<=nsi)(?=ya))")
_SI_UPPER_RE = re.compile("SI(?:(?<=[KP]SI)(?=YA|ON)|(?<=NSI)(?=YA))")
# ye and e not preceded by a consonant: at the start of a word, after a vowel or ʼ.
_YE_START_RE = re.compile(f"ye(?<![{_CONS}]ye)")
_LAT_YE_UPPER_RE = re.compile("Y[eE]")
# ʼ between capitals (MAʼLUMOT) is Ъ
_TUTUQ_UPPER_RE = re.compile(f"{TUTUQ}(?<=[{_UPPER}]{TUTUQ})(?![{_LOWER}])")
_E_START_RE = re.compile(f"e(?<![{_CONS}]e)")
_E_UPPER_START_RE = re.compile(f"E(?<![{_CONS}]E)")


def _upper_ye(match: re.Match) -> str:
    start = match.start()
    if start and match.string[start - 1] in _CONS_SET:
        return "ЬЕ" if match.group() == "YE" else "Ье"
    return "Е"


def _apostrophe(match: re.Match) -> str:
    return OKINA if match.string[match.start() - 1] in "oOgG" else TUTUQ


def _to_cyrillic_core(text: str) -> str:
    if not _HAS_LATIN_RE.search(text):
        return text
    if any(a in text for a in _APOSTROPHES):
        text = _APOSTROPHE_RE.sub(_apostrophe, text)
    text = _apply_exceptions(_EXC_LAT_RE, _exception_to_cyrillic, text)
    if TUTUQ in text:
        text = _S_TUTUQ_H_RE.sub(lambda m: "ҳ" if m.group()[1] == "h" else "Ҳ", text)
    if OKINA in text:
        text = text.replace("o" + OKINA, "ў").replace("g" + OKINA, "ғ")
        text = text.replace("O" + OKINA, "Ў").replace("G" + OKINA, "Ғ")
    text = _TS_RE.sub("ц", text)
    text = _SI_RE.sub("ци", text)
    text = _TS_UPPER_RE.sub("Ц", text)
    text = _SI_UPPER_RE.sub("ЦИ", text)
    text = _YE_START_RE.sub("е", text)
    # a ye still left follows a consonant: only a soft sign can have separated them
    text = text.replace("ye", "ье")
    text = _LAT_YE_UPPER_RE.sub(_upper_ye, text)
    for lat, cyr in (("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("sh", "ш"), ("ch", "ч")):
        text = text.replace(lat, cyr)
    text = _UPPER_DIGRAPH_RE.sub(lambda m: _UPPER_DIGRAPHS[m.group()], text)
    if TUTUQ in text:
        text = _TUTUQ_UPPER_RE.sub("Ъ", text)
    text = _E_START_RE.sub("э", text)
    text = _E_UPPER_START_RE.sub("Э", text)
    return _TO_CYRILLIC(text)


def to_cyrillic(text: str) -> str:
    """Uzbek Latin `text` in the Uzbek Cyrillic alphabet (markup kept)."""
    return _convert(text, _to_cyrillic_core, roman=True)


# --- messages, search ---------------------------------------------------------------------

# printf-style (%s, %(name)s, %d, %%) and str.format-style ({name}, {0}) placeholders
_MESSAGE_PLACEHOLDER_RE = re.compile(
    r"%\([^)\s]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]"
    r"|\{[^{}\s]*\}"
)


def to_cyrillic_message(text: str) -> str:
    """`to_cyrillic` for a translatable message: placeholders (%(name)s, %s, {name}) are kept,
    like markup and URLs, so that the Cyrillic message still formats."""
    if "%" not in text and "{" not in text:
        return to_cyrillic(text)
    parts = _MESSAGE_PLACEHOLDER_RE.split(text)
    placeholders = _MESSAGE_PLACEHOLDER_RE.findall(text)
    out = [to_cyrillic(parts[0])]
    for placeholder, part in zip(placeholders, parts[1:], strict=True):
        out += [placeholder, to_cyrillic(part)]
    return "".join(out)


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC_RE.search(text))


def normalise_query(query: str, language: str = "uz") -> str:
    """A search query as the index holds Uzbek text (Latin): a query typed in Cyrillic
    Uzbek is transliterated, anything else (and every non-Uzbek query) is returned as typed."""
    query = query.strip()
    if language.split("-")[0] == "uz" and has_cyrillic(query):
        return to_latin(query)
    return query


def search_variants(query: str) -> list[str]:
    """The query as typed and in the other Uzbek script, without duplicates, typed form first:
    search for each to find a word whichever script the content and the query are written in.
    (A Russian query also gets a Latin variant; searching for it as well finds nothing wrong.)"""
    query = query.strip()
    if not query:
        return []
    variants = [query, to_latin(query) if has_cyrillic(query) else to_cyrillic(query)]
    return list(dict.fromkeys(variants))


def both_scripts(text: str) -> tuple[str, str]:
    """`text` in Latin and in Cyrillic, the form it was written in kept exactly (for names)."""
    if has_cyrillic(text):
        return to_latin(text), text
    return text, to_cyrillic(text)
