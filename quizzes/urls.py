from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("quizzes/progress/", views.progress_view, name="progress"),
    path("quizzes/<id:quiz_id>/", views.quiz_view, name="quiz"),
    path("quizzes/<id:quiz_id>/start/", views.start_view, name="start"),
    path("quizzes/attempts/offline-worker.js", views.offline_worker_view, name="offline_worker"),
    path("quizzes/<id:quiz_id>/preview/", views.preview_view, name="preview"),
    path("quizzes/attempts/<uuid:attempt_uuid>/", views.attempt_view, name="attempt"),
    path("quizzes/attempts/<uuid:attempt_uuid>/save/", views.autosave_view, name="autosave"),
    path("quizzes/attempts/<uuid:attempt_uuid>/submit/", views.submit_view, name="submit"),
    path("quizzes/attempts/<uuid:attempt_uuid>/review/", views.review_view, name="review"),
]
