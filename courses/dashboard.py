"""The learner's dashboard (/dashboard/) shows panels that apps above courses register.

Courses own the page and its own sections (required courses, progress, recent activity); an app
that has something to show a learner there (certificates: the latest certificates) registers a
function with ``@hooks.register(DASHBOARD_PANEL_HOOK)`` in its ``wagtail_hooks.py``. The function
takes the request and returns a ``DashboardPanel``, or None to show nothing.
"""

from dataclasses import dataclass, field

from wagtail import hooks

DASHBOARD_PANEL_HOOK = "register_dashboard_panel"


@dataclass(frozen=True)
class DashboardPanel:
    # Rendered with the panel's context as ``panel`` (e.g. ``panel.certificates``).
    template: str
    context: dict = field(default_factory=dict)
    # Panels are shown after the learner's completed courses, lowest order first.
    order: int = 100


def dashboard_panel_list(request) -> list[DashboardPanel]:
    panels = (panel_for(request) for panel_for in hooks.get_hooks(DASHBOARD_PANEL_HOOK))
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)
