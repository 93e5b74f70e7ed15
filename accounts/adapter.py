from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adjusted to a site served in several languages."""

    def get_login_redirect_url(self, request):
        # Stay in the language the person signed in with (/ru/accounts/login/ → /ru/).
        return reverse("wagtail_serve", args=[""])
