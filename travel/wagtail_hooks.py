"""Travel's admin: the place list as a snippet editors extend."""

from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from travel.models import Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = gettext_lazy("Travel places")
    list_display = ["name", "municipality", "country", "active"]
    list_filter = ["country", "active"]
    search_fields = ["name", "municipality"]
    add_to_admin_menu = False


register_snippet(PlaceViewSet)
