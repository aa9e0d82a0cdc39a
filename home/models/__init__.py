"""The core's models: page types (`pages`), site-wide settings (`site_settings`)
and the snippets shared by the knowledge base and events (`taxonomy`)."""

from .pages import HomePage, StandardPage
from .site_settings import SiteSettings, SiteText
from .taxonomy import (
    COUNTRY_CHOICES,
    Organisation,
    OrganisationRegion,
    OrganisationTheme,
    Person,
    Region,
    Theme,
    TranslatableLink,
    Venue,
)

__all__ = [
    "COUNTRY_CHOICES",
    "HomePage",
    "Organisation",
    "OrganisationRegion",
    "OrganisationTheme",
    "Person",
    "Region",
    "SiteSettings",
    "SiteText",
    "StandardPage",
    "Theme",
    "TranslatableLink",
    "Venue",
]
