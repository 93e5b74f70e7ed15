from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .forms import UserImportForm
from .importing import UserImportError, users_import
from .invitations import invitation_accept, invitation_user_get


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept_view(request, token):
    user = invitation_user_get(token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_accept(user=user, password=form.cleaned_data["new_password1"])
        login(request, user, backend="accounts.backends.CachedPermissionBackend")
        messages.success(request, _("Your password is set. Welcome to Muloqot!"))
        return redirect("/")
    status = 400 if form.errors else 200
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invited": user}, status=status
    )


@never_cache
def user_import_view(request):
    """Admin view: upload a CSV/XLSX of civil servants; all rows are written or none."""
    if not request.user.has_perm("accounts.import_users"):
        raise PermissionDenied
    form = UserImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = users_import(
                file_name=upload.name, content=upload.read(), imported_by=request.user
            )
        except UserImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d person imported; they will receive an invitation by e-mail.",
                    "%(count)d people imported; each will receive an invitation by e-mail.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("accounts_user_import")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/admin/user_import.html", {"form": form, "errors": errors}, status=status
    )
