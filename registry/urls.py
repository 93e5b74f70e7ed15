from django.urls import path, re_path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.register_view, name="index"),
    path("check/", views.check_view, name="check"),
    path("check.json", views.check_json_view, name="check_json"),
    path("networks/", views.networks_view, name="networks"),
    path("organisations/<slug:code>/", views.organization_view, name="organization"),
    path("accounts/<int:pk>/", views.account_view, name="account"),
    path("accounts/<int:pk>/badge.svg", views.badge_view, name="badge"),
    path("accounts/<int:pk>/status/", views.status_change_view, name="status"),
    re_path(
        r"^official-accounts\.(?P<export_format>csv|xlsx|json)$", views.export_view, name="export"
    ),  # fmt: skip
    path("archive/", views.archive_view, name="archive"),
    re_path(r"^archive/(?P<date>\d{4}-\d{2}-\d{2})\.json$", views.snapshot_view, name="snapshot"),
    path("report/", views.report_view, name="report"),
    path("propose/", views.propose_view, name="propose"),
    path("review/", views.review_view, name="review"),
    path("review/<int:pk>/", views.review_decide_view, name="decide"),
    path("review/reports/<int:pk>/", views.report_resolve_view, name="resolve"),
]
