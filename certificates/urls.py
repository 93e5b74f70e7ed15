from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.my_certificates_view, name="mine"),
    re_path(r"^verify/(?P<code>[^/]+)\.json$", views.verify_json_view, name="verify_json"),
    path("verify/", views.verify_lookup_view, name="verify_lookup"),
    path("verify/<str:code>/", views.verify_view, name="verify"),
    path("<uuid:uuid>/download/", views.download_view, name="download"),
    path("<uuid:uuid>/credential.json", views.credential_view, name="credential"),
    re_path(
        r"^status/(?P<name>[a-z0-9-]{1,40})\.json$", views.status_list_view, name="status_list"
    ),
]
