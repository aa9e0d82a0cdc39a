"""The admin form every page type builds on.

The slug field proposes a slug as the page's language writes it: on a German
page "Eröffnung" becomes "eroeffnung" (`home.slugs`), and accents are
simplified in every language (é → e) so addresses stay plain ASCII.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

from home.slugs import slug_formatters


class PageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        field = self.fields.get("slug")
        if field is None:
            return
        locale = getattr(self.instance, "locale", None) if self.instance.locale_id else None
        if locale is None and parent_page is not None:
            locale = parent_page.locale
        language = locale.language_code if locale is not None else None
        widget = SlugInput(
            attrs={**field.widget.attrs, "data-w-slug-allow-unicode-value": "false"},
            formatters=slug_formatters(language),
            locale=language,
        )
        field.widget = widget
