from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learning/courses/<id:course_id>/enrol/", views.enrol_view, name="enrol"),
    path(
        "learning/lessons/<id:lesson_id>/complete/",
        views.lesson_complete_view,
        name="lesson_complete",
    ),
    path(
        "learning/lessons/<id:lesson_id>/fact-checks/<slug:block_id>/answer/",
        views.fact_check_answer_view,
        name="fact_check_answer",
    ),
    path(
        "learning/required/<id:required_course_id>/restart/",
        views.recertification_start_view,
        name="recertification_start",
    ),
    path("learning/team/", views.team_view, name="team"),
]
