from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import views as certificates_views
from core import views as core_views
from courses import views as courses_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # did:web: the keys that sign certificates (docs/certificates.md).
    path(".well-known/did.json", certificates_views.did_document_view, name="did_document"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("i18n/setscript/", core_views.set_script, name="set_script"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Uzbek is served without a prefix; Russian and English under /ru/ and /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("dashboard/", courses_views.dashboard_view, name="dashboard"),
    path("certificates/", include("certificates.urls")),
    path("registry/", include("registry.urls")),
    path("search/", core_views.search, name="search"),
    path("", include("playbooks.urls")),
    path("", include("regulations.urls")),
    path("", include("outcomes.urls")),
    path("", include("simulations.urls")),
    path("", include("quizzes.urls")),
    path("", include("courses.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
