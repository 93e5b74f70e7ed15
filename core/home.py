"""The home page's sections, offered to the apps above core.

Core's home page says what Muloqot is for each audience and where to sign in; an app that has a
starting point to offer (courses: the public courses and the reader's required training;
certificates: the code check) registers a function with ``@hooks.register(HOME_SECTION_HOOK)``.
It takes the request and returns a ``HomeSection`` (or None to show nothing).
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOME_SECTION_HOOK = "register_home_section"


@dataclass(frozen=True)
class HomeSection:
    # Rendered with the section's context as ``section``.
    template: str
    context: dict = field(default_factory=dict)
    # Lowest first; the reader's own tasks (order < 50) come before what everyone sees.
    order: int = 100


def home_section_list(request) -> list[HomeSection]:
    sections = (section_for(request) for section_for in hooks.get_hooks(HOME_SECTION_HOOK))
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)
