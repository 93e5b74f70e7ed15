"""seed_demo finds each app's demo.py itself, in the order the apps depend on each other."""

from core.demo import demo_loaders


def test_every_app_loads_its_own_demo_lowest_app_first():
    loaders = demo_loaders()

    assert [label for label, _load in loaders] == [
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
    ]
    assert all(load.__name__ == "demo_load" for _label, load in loaders)
    assert [load.__module__ for _label, load in loaders][1] == "accounts.demo"
