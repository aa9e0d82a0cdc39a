"""The one-click unsubscribe address of every digest (`List-Unsubscribe`),
included in the language-prefixed URLs by config/urls.py."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from digests import views

urlpatterns = [
    path(
        format_lazy("{}/<str:token>/", pgettext_lazy("URL path", "digest-unsubscribe")),
        views.unsubscribe,
        name="digest_unsubscribe",
    ),
]
