"""Admin registrations of the core: site text and the shared taxonomy snippets;
the tags of a served page for the page cache."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.cache import depends_on, page_tags
from home.choosers import LocalizedSnippetChooserViewSet
from home.invalidation import declared_tags
from home.login_locks import LoginLockViewSet
from home.models import Organisation, Person, Region, SiteText, Theme, Venue

register_snippet(SiteText)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "site"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["kind", "country"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "group"
    list_display = ["name", "kind", "country", "last_checked", "locale"]
    list_filter = ["kind", "country", "offers_knowledge", "offers_money", "offers_network"]


class PersonViewSet(SnippetViewSet):
    model = Person
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "user"
    list_display = ["name", "role", "organisation", "locale"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "home"
    list_display = ["name", "city", "country", "locale"]
    list_filter = ["country"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, RegionViewSet, OrganisationViewSet, PersonViewSet, VenueViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Shared lists")
    menu_name = "shared-lists"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_viewset")
def register_login_locks():
    return LoginLockViewSet()


@hooks.register("before_serve_page")
def page_cache_tags(page, request, serve_args, serve_kwargs):
    """A page's views (and its sub-pages) show the page, its ancestors and the
    lists its type declared (home.invalidation.page_depends_on)."""
    depends_on(*page_tags(page), *declared_tags(type(page)))
