from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learning/courses/<int:course_id>/enrol/", views.enrol_view, name="enrol"),
    path(
        "learning/lessons/<int:lesson_id>/complete/",
        views.lesson_complete_view,
        name="lesson_complete",
    ),
    path(
        "learning/required/<int:required_course_id>/restart/",
        views.recertification_start_view,
        name="recertification_start",
    ),
]
