"""The learner's side: acknowledging a version (a POST form on the version's page) and the list
of what they acknowledged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .models import CodeVersionPage
from .selectors import acknowledgement_list_for_user, requirement_list_for_user
from .services import acknowledgement_record


@require_POST
@login_required
def acknowledge_view(request, version_id):
    version = get_object_or_404(CodeVersionPage.objects.live(), pk=version_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you have read this version."))
        return redirect(version.url)
    try:
        acknowledgement_record(user=request.user, version=version)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(version.url)
    messages.success(
        request,
        _("Thank you: you acknowledged version %(number)s.") % {"number": version.number},
    )
    return redirect(version.url)


@never_cache
@login_required
def my_acknowledgements_view(request):
    return render(
        request,
        "regulations/my_acknowledgements.html",
        {
            "requirements": requirement_list_for_user(user=request.user),
            "acknowledgements": acknowledgement_list_for_user(user=request.user),
        },
    )
