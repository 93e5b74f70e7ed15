from django.urls import path

from . import views

app_name = "regulations"

urlpatterns = [
    path(
        "learning/codes/versions/<int:version_id>/acknowledge/",
        views.acknowledge_view,
        name="acknowledge",
    ),
    path("learning/codes/acknowledged/", views.my_acknowledgements_view, name="mine"),
]
