"""Admin: the "Embed the calendar" view and its menu item (for editors who may
edit events)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opendata import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("embed-calendar/", admin_views.embed_code, name="opendata_embed_code")]


class EmbedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_embed_menu_item():
    return EmbedMenuItem(
        _("Embed the calendar"),
        reverse("opendata_embed_code"),
        name="embed-calendar",
        icon_name="code",
        order=900,
    )
