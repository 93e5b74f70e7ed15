from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/my/<str:token>/", views.result_view, name="result"),
    path("outcomes/my/<str:token>/later/", views.retention_view, name="retention"),
    path("outcomes/<slug:key>/<str:phase>/", views.course_test_view, name="test"),
]
