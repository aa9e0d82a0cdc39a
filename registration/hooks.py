"""The hooks (Wagtail's `hooks.register`) registration offers to the apps above it.

- `MAIL_LINKS`: `fn(registration, page, occurrence) -> [(label, url)]`, more
  links for the confirmation and reminder e-mails (travel: "travel together
  to this date"), called inside the recipient's language
  (`translation.override`), `page` the event page in that language,
  `occurrence` the date the e-mail is about (a whole-series registration is
  reminded of each of its dates; its row names only the first). Labels are
  plain text.
"""

from wagtail import hooks

MAIL_LINKS = "registration_mail_links"


def mail_links(registration, page, occurrence=None):
    """Every app's extra links for a registration's e-mail about `occurrence`
    (by default the registration's date), in order."""
    occurrence = occurrence or registration.occurrence
    links = []
    for fn in hooks.get_hooks(MAIL_LINKS):
        links.extend(fn(registration, page, occurrence) or ())
    return links
