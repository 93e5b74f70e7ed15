from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .roles import user_is_staff

# Pages a staff member without TOTP may still open: setting it up, signing out, switching language.
_ALLOWED_URL_NAMES = {"account_logout", "account_reauthenticate", "set_language", "healthz"}


class StaffMFARequiredMiddleware:
    """With MULOQOT_STAFF_MFA_REQUIRED (production) staff must activate TOTP before all else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MULOQOT_STAFF_MFA_REQUIRED and self._must_activate(request):
            messages.warning(
                request,
                _("Staff accounts must use two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_activate(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or not user_is_staff(user):
            return False
        try:
            url_name = resolve(request.path_info).url_name or ""
        except Resolver404:
            return False
        if url_name.startswith("mfa_") or url_name in _ALLOWED_URL_NAMES:
            return False
        return not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()


ADMIN_PREFIX = "/admin/"


class AdminForStaffOnlyMiddleware:
    """A signed-in reader who is not staff and opens /admin/ gets a 403 page. Wagtail would send
    them to its login page, which sends a signed-in user back to /admin/: a loop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
            and not user_is_staff(user)
        ):
            raise PermissionDenied
        return self.get_response(request)
