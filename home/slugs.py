"""Slugs as each language writes its words in plain letters.

German spells an umlaut out when it cannot write it: "Eröffnung" is
"eroeffnung", "Straße" is "strasse", never "eroffnung". Dutch and English keep
the usual simplification (é → e, ë → e); only a German page transliterates
umlauts. The same rule serves the three places that make slugs: Wagtail's slug
field in the admin (`slug_formatters`, run by its slug controller before it
simplifies the rest), the slugs wagtail-localize gives translated pages
(`home.apps`), and the slugs our own code and the demo make (`slugify`).
"""

from anyascii import anyascii
from django.utils.text import slugify as django_slugify

# Spelled-out forms of the letters German writes with an umlaut or ß.
GERMAN_LETTERS = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "ẞ": "SS",
}


def _language(language_code):
    return (language_code or "").split("-")[0].lower()


def transliterate(text, language_code=None):
    """`text` with German letters spelled out where the language is German."""
    if _language(language_code) == "de":
        for letter, spelled in GERMAN_LETTERS.items():
            text = text.replace(letter, spelled)
    return text


def slugify(text, language_code=None):
    """An ASCII slug of `text` written as `language_code` would ("Eröffnung" is
    "eroeffnung" in German, "eroffnung" in Dutch); letters outside Latin are
    transliterated (anyascii), never dropped."""
    return django_slugify(anyascii(transliterate(str(text), language_code)))


def slug_formatters(language_code):
    """(pattern, replacement) pairs for Wagtail's `SlugInput(formatters=…)`:
    the admin's slug controller applies them before its own simplification."""
    if _language(language_code) != "de":
        return []
    return list(GERMAN_LETTERS.items())
