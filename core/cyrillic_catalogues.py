"""Write the Uzbek Cyrillic (`uz_Cyrl`) catalogues from the Uzbek Latin (`uz`) ones.

Nobody edits a Cyrillic catalogue by hand: every `<dir>/locale/uz/LC_MESSAGES/django.po` in the
project gets a sibling `<dir>/locale/uz_Cyrl/LC_MESSAGES/django.po` whose translations are the
Latin ones passed through `core.translit.to_cyrillic_message` (placeholders, markup and URLs
kept). The root catalogue `locale/uz_Cyrl` also receives the Uzbek catalogues of the packages
whose strings appear on our pages (Django, django-allauth), so that their messages come out in
Cyrillic too; our own translations win where both have a msgid.

Run by `make cyrillic-messages` (and so by `make messages`, `make run` and `make test`):

    .venv/bin/python -m core.cyrillic_catalogues [--check]

Plain Python (polib), no Django settings or database. The generated files are not committed
(.gitignore): they are rebuilt from the Latin ones on every build, so they cannot go stale.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import polib

from core.translit import to_cyrillic_message

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("uz") / "LC_MESSAGES" / "django.po"
TARGET = Path("uz_Cyrl") / "LC_MESSAGES" / "django.po"
# Packages whose Uzbek catalogues feed the root Cyrillic catalogue (their own uz_Cyrl is empty).
THIRD_PARTY_PACKAGES = ("django", "allauth", "wagtail", "taggit", "modelcluster")
SKIPPED_DIRECTORIES = {".venv", "node_modules", ".git", "var", "staticfiles"}


def project_catalogues(root: Path = ROOT) -> list[Path]:
    """Every Uzbek Latin catalogue of the project, root `locale/` last."""
    found = []
    for path in sorted(root.rglob("locale/uz/LC_MESSAGES/django.po")):
        if SKIPPED_DIRECTORIES.isdisjoint(path.relative_to(root).parts):
            found.append(path)
    return sorted(found, key=lambda path: path.parent.parent.parent.parent == root)


def third_party_catalogues(language: str = "uz") -> list[Path]:
    found = []
    for name in THIRD_PARTY_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            found += sorted(Path(location).rglob(f"locale/{language}/LC_MESSAGES/django.po"))
    return found


def _cyrillic_entry(entry: polib.POEntry) -> polib.POEntry | None:
    if entry.obsolete or "fuzzy" in entry.flags:
        return None
    if entry.msgid_plural:
        if not any(entry.msgstr_plural.values()):
            return None
        msgstr_plural = {k: to_cyrillic_message(v) for k, v in entry.msgstr_plural.items()}
        return polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            msgstr_plural=msgstr_plural,
            flags=[flag for flag in entry.flags if flag.endswith("-format")],
        )
    if not entry.msgstr:
        return None
    return polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgstr=to_cyrillic_message(entry.msgstr),
        flags=[flag for flag in entry.flags if flag.endswith("-format")],
    )


def cyrillic_catalogue(sources: list[Path]) -> polib.POFile:
    """One catalogue from `sources` (later ones win on the same msgid), in Cyrillic."""
    catalogue = polib.POFile(wrapwidth=100)
    catalogue.header = (
        "Uzbek Cyrillic, generated from the Uzbek Latin catalogue by core.cyrillic_catalogues.\n"
        "Do not edit: change the uz catalogue or core/translit.py and run make cyrillic-messages."
    )
    catalogue.metadata = {
        "Project-Id-Version": "Muloqot",
        "PO-Revision-Date": "1970-01-01 00:00+0000",
        "Last-Translator": "core.cyrillic_catalogues",
        "Language-Team": "Uzbek (Cyrillic)",
        "Language": "uz_Cyrl",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    entries: dict[tuple, polib.POEntry] = {}
    for source in sources:
        latin = polib.pofile(str(source))
        plural_forms = latin.metadata.get("Plural-Forms")
        if plural_forms:
            catalogue.metadata["Plural-Forms"] = plural_forms
        for entry in latin:
            cyrillic = _cyrillic_entry(entry)
            if cyrillic is not None:
                entries[(entry.msgctxt, entry.msgid)] = cyrillic
    for key in sorted(entries, key=lambda key: (key[1], key[0] or "")):
        catalogue.append(entries[key])
    return catalogue


def targets(root: Path = ROOT) -> dict[Path, list[Path]]:
    """Each Cyrillic catalogue to write and the Latin catalogues it is made from."""
    plan = {}
    for source in project_catalogues(root):
        locale_dir = source.parent.parent.parent
        sources = [source]
        if locale_dir == root / "locale":
            sources = [*third_party_catalogues(), source]
        plan[locale_dir / TARGET] = sources
    return plan


def write_all(root: Path = ROOT, *, check: bool = False) -> list[Path]:
    """Write (or with `check`, compare) every Cyrillic catalogue; the stale ones are returned."""
    stale = []
    for target, sources in targets(root).items():
        text = str(cyrillic_catalogue(sources))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(target)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report catalogues that are missing or stale"
    )
    args = parser.parse_args(argv)
    stale = write_all(check=args.check)
    for path in stale:
        verb = "stale" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
