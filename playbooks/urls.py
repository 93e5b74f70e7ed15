from django.urls import path

from . import views

app_name = "playbooks"

urlpatterns = [
    path("consultations/ask/", views.ask_view, name="ask"),
    path("consultations/<int:pk>/", views.thread_view, name="thread"),
    path("consultations/<int:pk>/answer/", views.answer_view, name="answer"),
    path("consultations/<int:pk>/follow/", views.subscribe_view, name="subscribe"),
    path("consultations/posts/<int:pk>/edit/", views.edit_view, name="edit"),
    path("consultations/posts/<int:pk>/accept/", views.accept_view, name="accept"),
    path("consultations/posts/<int:pk>/useful/", views.vote_view, name="vote"),
    path("consultations/posts/<int:pk>/report/", views.report_view, name="report"),
    path("playbook-library/<int:page_id>/adopt/", views.adopt_view, name="adopt"),
    path(
        "playbook-library/templates/<int:template_id>/propose/", views.propose_view, name="propose"
    ),
    path(
        "playbook-library/versions/<int:pk>/download/", views.version_download_view, name="download"
    ),
    path(
        "playbook-library/proposals/<int:pk>/download/",
        views.proposal_download_view,
        name="proposal_download",
    ),
]
