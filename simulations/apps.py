from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulationsConfig(AppConfig):
    name = "simulations"
    verbose_name = _("Practice room")

    def ready(self):
        from courses.models import LessonPage

        from .blocks import ScenarioBlock

        LessonPage.body_extend(
            "scenario",
            ScenarioBlock(),
            completion_message=_("Finish the practice scenario in this lesson to complete it."),
        )
