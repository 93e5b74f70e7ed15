"""The Content-Security-Policy (django-csp): scripts only from our own origin on every public
page, no inline scripts, no eval; Wagtail's admin gets its own, looser policy because its editor
still runs inline scripts.

The public policy is ``CONTENT_SECURITY_POLICY`` in settings; the admin's is
``MULOQOT_ADMIN_CONTENT_SECURITY_POLICY``, applied by ``SiteCSPMiddleware`` to paths under
/admin/. Templates must keep scripts in static files (``<script src=…>``); an inline
``<script>`` or an ``onclick=`` attribute would be blocked by the browser.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.MULOQOT_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
