from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from core.scripts import is_cyrillic_active
from core.translit import to_cyrillic


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adjusted to a site served in several languages."""

    def get_login_redirect_url(self, request):
        # The dashboard, in the language the person signed in with (/ru/accounts/login/ →
        # /ru/dashboard/): a learner starts from their required courses and progress.
        return reverse("dashboard")

    def render_mail(self, template_prefix, email, context, headers=None):
        # For a reader of the Cyrillic site the catalogue already gives allauth's sentences in
        # Cyrillic; the subject's "Muloqot:" prefix is a setting, so it is transliterated here.
        # The body is not: it holds the username and links the reader must use as written.
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if is_cyrillic_active():
            message.subject = to_cyrillic(message.subject)
        return message
