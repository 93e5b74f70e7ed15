from django.urls import path

from . import views

app_name = "playbooks"

urlpatterns = [
    path("consultations/ask/", views.ask_view, name="ask"),
    path("consultations/<id:pk>/", views.thread_view, name="thread"),
    path("consultations/<id:pk>/answer/", views.answer_view, name="answer"),
    path("consultations/<id:pk>/follow/", views.subscribe_view, name="subscribe"),
    path("consultations/posts/<id:pk>/edit/", views.edit_view, name="edit"),
    path("consultations/posts/<id:pk>/accept/", views.accept_view, name="accept"),
    path("consultations/posts/<id:pk>/useful/", views.vote_view, name="vote"),
    path("consultations/posts/<id:pk>/report/", views.report_view, name="report"),
    path("playbook-library/<id:page_id>/adopt/", views.adopt_view, name="adopt"),
    path(
        "playbook-library/templates/<id:template_id>/propose/", views.propose_view, name="propose"
    ),
    path(
        "playbook-library/versions/<id:pk>/download/", views.version_download_view, name="download"
    ),
    path(
        "playbook-library/proposals/<id:pk>/download/",
        views.proposal_download_view,
        name="proposal_download",
    ),
]
