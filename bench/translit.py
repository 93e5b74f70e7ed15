"""Benchmark core.translit on a 5,000-word lesson; prints the median of 50 runs each way.

Run from the project root:

    .venv/bin/python bench/translit.py
    .venv/bin/python bench/translit.py --words 20000 --runs 200

The lesson is built from the sentences of tests/core/translit_corpus.tsv, repeated in order
and wrapped three to a <p> paragraph, with a link, an <em> and a <code> element now and then,
until it has `--words` words (counted outside the markup).  The Cyrillic lesson is converted
with to_latin and its Latin counterpart with to_cyrillic; the script checks that both give
exactly the other version before timing.  Pure Python, no Django, no files written.
"""

import argparse
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.scripts import html_to_cyrillic  # noqa: E402
from core.translit import to_cyrillic, to_latin  # noqa: E402

CORPUS = ROOT / "tests" / "core" / "translit_corpus.tsv"
TAG = re.compile(r"<[^>]*>")


def word_count(html: str) -> int:
    return len(TAG.sub(" ", html).split())


def sentences() -> list[tuple[str, str]]:
    pairs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cyrillic, latin = line.split("\t")
            if len(cyrillic.split()) >= 4:  # sentences, not single words
                pairs.append((cyrillic, latin))
    return pairs


def lesson(words: int) -> tuple[str, str]:
    """A Cyrillic lesson of about `words` words, and the same lesson in Latin."""
    pairs = sentences()
    cyrillic, latin = [], []
    count = 0
    i = 0
    while count < words:
        paragraph = [pairs[(i + k) % len(pairs)] for k in range(3)]
        cyr = " ".join(c for c, _ in paragraph)
        lat = " ".join(la for _, la in paragraph)
        if i % 4 == 1:  # a link to a page whose address must survive
            cyr += ' <a href="https://muloqot.uz/kurslar/shahar?bob=2">Батафсил</a>'
            lat += ' <a href="https://muloqot.uz/kurslar/shahar?bob=2">Batafsil</a>'
        if i % 6 == 2:
            cyr = f"<em>Эслатма:</em> {cyr} <code>shahar = 1</code>"
            lat = f"<em>Eslatma:</em> {lat} <code>shahar = 1</code>"
        count += word_count(cyr)
        cyrillic.append(f"<p>{cyr}</p>")
        latin.append(f"<p>{lat}</p>")
        i += 3
    return "\n".join(cyrillic), "\n".join(latin)


PAGE = """<!DOCTYPE html>
<html lang="uz">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ijtimoiy tarmoqlarda muloqot · Muloqot</title>
  <link rel="stylesheet" href="/static/css/site.css">
  <script type="application/json" id="lesson-data">{"lesson": 3, "title": "Muloqot"}</script>
</head>
<body>
  <a class="skip-link" href="#main">Asosiy qismga oʻtish</a>
  <header class="site-header"><div class="site-header__inner">
    <a class="site-name" href="/">Muloqot</a>
    <nav class="site-nav" aria-label="Asosiy"><ul>
      <li><a href="/courses/">Kurslar</a></li><li><a href="/dashboard/">Mening taʼlimim</a></li>
      <li><a href="/accounts/email/">Mening hisobim</a></li>
    </ul></nav>
    <div class="site-tools">
      <form class="language-switcher" action="/i18n/setlang/" method="post"><fieldset>
        <legend class="visually-hidden">Til</legend>
        <button type="submit" name="language" value="uz" lang="uz" translate="no">Oʻzbekcha</button>
        <button type="submit" name="language" value="ru" lang="ru" translate="no">Русский</button>
        <button type="submit" name="language" value="en" lang="en" translate="no">English</button>
      </fieldset></form>
      <nav class="script-switcher" aria-label="Alifbo" translate="no"><ul>
        <li><a href="/?script=latn" lang="uz-Latn">Lotin</a></li>
        <li><a href="/?script=cyrl" lang="uz-Cyrl">Кирилл</a></li>
      </ul></nav>
    </div>
  </div></header>
  <main id="main" tabindex="-1"><article class="lesson"><h1>Ijtimoiy tarmoqlarda muloqot</h1>
{body}
  <form method="post"><textarea name="note">Mening eslatmam</textarea>
  <button type="submit">Saqlash</button></form>
  </article></main>
  <footer class="site-footer"><p>Muloqot — ijtimoiy tarmoqlarda fuqarolar bilan muloqot.</p>
  </footer>
  <script src="/static/js/site.js"></script>
</body>
</html>
"""


def median_ms(function, text: str, runs: int) -> float:
    function(text)  # warm-up: compiled regexes, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000, help="lesson size in words")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per direction")
    args = parser.parse_args()

    cyrillic, latin = lesson(args.words)
    if to_latin(cyrillic) != latin or to_cyrillic(latin) != cyrillic:
        sys.exit("the lesson does not convert exactly: run tests/core/test_translit.py")

    words = word_count(cyrillic)
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print(
        f"lesson: {words} words ({args.words} wanted), {len(cyrillic):,} characters Cyrillic, "
        f"{len(latin):,} Latin, {cyrillic.count('<p>')} paragraphs"
    )
    print(f"median of {args.runs} runs:")
    print(f"  to_latin     (Cyrillic → Latin): {median_ms(to_latin, cyrillic, args.runs):6.2f} ms")
    print(f"  to_cyrillic  (Latin → Cyrillic): {median_ms(to_cyrillic, latin, args.runs):6.2f} ms")
    # What UzbekScriptMiddleware does to a served page: the lesson inside the site's layout.
    page = PAGE.replace("{body}", latin)
    print(
        f"  whole page, core.scripts.html_to_cyrillic ({len(page):,} characters): "
        f"{median_ms(html_to_cyrillic, page, args.runs):6.2f} ms"
    )


if __name__ == "__main__":
    main()
