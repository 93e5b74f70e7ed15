from django.urls import path

from . import views

app_name = "simulations"

urlpatterns = [
    path("simulations/", views.scenario_list_view, name="list"),
    path("simulations/<id:scenario_id>/", views.scenario_view, name="scenario"),
    path("simulations/<id:scenario_id>/start/", views.start_view, name="start"),
    path("simulations/<id:scenario_id>/reviews/", views.peer_review_view, name="peer_review"),
    path("simulations/attempts/<uuid:attempt_uuid>/", views.attempt_view_page, name="attempt"),
]
