"""Answers for requests that cannot be used: a 400 page with a message in the reader's
language (hostile or broken form values), and its JSON twin for the JavaScript endpoints."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MESSAGE_BAD_REQUEST = _("This request holds a value the site cannot use. Nothing was changed.")


def bad_request(request, message=MESSAGE_BAD_REQUEST, *, json: bool = False) -> HttpResponse:
    if json:
        return JsonResponse({"error": str(message)}, status=400)
    return render(request, "core/bad_request.html", {"message": message}, status=400)
