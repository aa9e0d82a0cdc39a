"""The hooks (Wagtail's `hooks.register`) registration offers to the apps above it.

- `MAIL_LINKS`: `fn(registration, page) -> [(label, url)]`, more links for the
  confirmation and reminder e-mails (travel: "travel together to this
  date"), called inside the recipient's language (`translation.override`),
  `page` the event page in that language. Labels are plain text.
"""

from wagtail import hooks

MAIL_LINKS = "registration_mail_links"


def mail_links(registration, page):
    """Every app's extra links for a registration's e-mail, in order."""
    links = []
    for fn in hooks.get_hooks(MAIL_LINKS):
        links.extend(fn(registration, page) or ())
    return links
