"""The core's models: page types in `pages`, site-wide settings in `site_settings`."""

from .pages import HomePage, StandardPage
from .site_settings import SiteSettings, SiteText

__all__ = ["HomePage", "SiteSettings", "SiteText", "StandardPage"]
