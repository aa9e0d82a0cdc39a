"""Spreadsheet exports of the admin in the editor's language and time zone.

Wagtail writes an admin view under the editor's preferred language and time
zone (`wagtail.admin.localization.get_localized_response`) and renders a
template response under them too, but a CSV export is a streaming response:
its rows are written after the view has returned, in the site's default
language. An English editor got Dutch headings, statuses and dates in the CSV
and English ones in the XLSX of the same list. Every admin list that offers
an export mixes this in before Wagtail's view.
"""

from django.utils import timezone, translation

__all__ = ["EditorsLanguageExport"]


def _in_language(chunks, language, zone):
    """`chunks`, each one produced under `language` and `zone`."""
    chunks = iter(chunks)
    while True:
        with translation.override(language), timezone.override(zone):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


class EditorsLanguageExport:
    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response.streaming_content = _in_language(
            response.streaming_content,
            translation.get_language(),
            timezone.get_current_timezone(),
        )
        return response
