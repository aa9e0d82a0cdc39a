"""Admin registrations of the core: the translatable site text snippet."""

from wagtail.snippets.models import register_snippet

from home.models import SiteText

register_snippet(SiteText)
