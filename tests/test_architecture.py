"""The apps depend one way (docs/architecture.md): a module imports only from its own app and the
apps below it, and a model relates only to models of its own app and the apps below it.

The order is written here, not read from the settings, so that a change to it is a reviewed change
to this file. A new app goes above every app it uses.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

# Lowest first. "muloqot" (the configuration: settings, URLs, WSGI) sits above every app.
APP_ORDER = (
    "core",
    "accounts",
    "registry",
    "quizzes",
    "courses",
    "certificates",
    "playbooks",
    "regulations",
    "outcomes",
    "simulations",
    "muloqot",
)
ROOT = Path(settings.BASE_DIR)
SKIPPED_PARTS = {"migrations", "__pycache__"}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (at the top, in functions, under TYPE_CHECKING alike), with
    relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def layering_violations(root: Path, order: tuple[str, ...]) -> list[str]:
    """``file:line: app imports higher_app.module`` for each import that points up the order."""
    rank = {app: position for position, app in enumerate(order)}
    problems = []
    for app in order:
        for path in sorted((root / app).rglob("*.py")):
            if SKIPPED_PARTS.intersection(path.relative_to(root).parts):
                continue
            for line, name in imported_modules(path, root):
                target = name.split(".")[0]
                if target in rank and rank[target] > rank[app]:
                    where = path.relative_to(root)
                    problems.append(f"{where}:{line}: {app} imports {name} (above it)")
    return problems


def test_no_module_imports_from_an_app_above_its_own():
    assert layering_violations(ROOT, APP_ORDER) == []


def test_every_app_of_ours_has_its_place_in_the_order():
    ours = [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT.resolve()
    ]
    assert ours == [app for app in APP_ORDER if app != "muloqot"], (
        "INSTALLED_APPS lists our apps in dependency order, and every app is in APP_ORDER"
    )


def test_no_model_relates_to_a_model_of_an_app_above_its_own():
    """String references ("certificates.CertificateTemplate") are dependencies too: they make
    the migrations of a lower app depend on a higher one."""
    rank = {app: position for position, app in enumerate(APP_ORDER)}
    problems = []
    for model in apps.get_models():
        source = model._meta.app_label
        if source not in rank:
            continue
        for field in model._meta.get_fields(include_parents=False):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model._meta.app_label
            if target in rank and rank[target] > rank[source]:
                problems.append(
                    f"{model._meta.label}.{field.name} → {field.related_model._meta.label}"
                )
    assert problems == []


def test_no_migration_depends_on_an_app_above_its_own():
    """Migrations follow the same order (a data move from a lower app to a higher one orders
    itself with ``run_before`` in the higher app's migration)."""
    rank = {app: position for position, app in enumerate(APP_ORDER)}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    problems = [
        f"{app}.{name} depends on {dependency[0]}.{dependency[1]}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in rank
        for dependency in migration.dependencies
        if dependency[0] in rank and rank[dependency[0]] > rank[app]
    ]
    assert problems == []


@pytest.fixture
def tiny_project(tmp_path):
    """Two apps, ``low`` below ``high``, each with a models module."""
    for app in ("low", "high"):
        (tmp_path / app / "migrations").mkdir(parents=True)
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "models.py").write_text("")
    return tmp_path


def test_the_check_accepts_imports_that_point_down(tiny_project):
    (tiny_project / "high" / "views.py").write_text(
        "from low.models import Thing\nfrom .models import Other\n"
    )

    assert layering_violations(tiny_project, ("low", "high")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from high.models import Thing\n", "low/services.py:1: low imports high.models"),
        ("import high.models\n", "low/services.py:1: low imports high.models"),
        ("def later():\n    from high import models\n", "low/services.py:2: low imports high"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from high.models import T\n",
            "low/services.py:3: low imports high.models",
        ),
    ],
)
def test_the_check_fails_on_an_import_that_points_up(tiny_project, source, expected):
    (tiny_project / "low" / "services.py").write_text(source)

    assert layering_violations(tiny_project, ("low", "high")) == [f"{expected} (above it)"]


def test_the_check_resolves_relative_imports_and_skips_migrations(tiny_project):
    (tiny_project / "low" / "sub").mkdir()
    (tiny_project / "low" / "sub" / "__init__.py").write_text("from ..models import Thing\n")
    (tiny_project / "low" / "migrations" / "0002_x.py").write_text("from high.models import X\n")

    assert layering_violations(tiny_project, ("low", "high")) == []
