"""The sessions of a programme list (`<li class="session">`), written out in
Python (`{% session_items %}`, festival/templatetags/festival_programme.py).

Every programme view lists its sessions this way: the programme (200 or 1,000
sessions), a day's timetable on a phone, "my programme", a partner's page.
Through the template engine each session was some fifty lookups and a dozen
conditions, most of a programme page's time; the markup is the one the list
always had. Every text is escaped here, as the template would have: titles,
names and addresses come from editors.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from home.cache import live_part


def _labels():
    return {
        name: escape(gettext(text))
        for name, text in (
            ("cancelled", "Cancelled"),
            ("hybrid", "Hybrid"),
            ("online", "Online"),
            ("track", "Track"),
            ("room", "Room or stage"),
            ("with", "With"),
            ("languages", "Languages spoken"),
            ("remove", "Remove from my programme"),
            ("in", "In my programme"),
            ("add", "Add to my programme"),
        )
    }


def texts(add_url, mine_url):
    """The labels in the active language and the links' starts, escaped: what
    `action` and the lists read for every session."""
    return {**_labels(), "add_url": escape(add_url), "mine_url": escape(mine_url)}


def action(session, carried, texts):
    """A session's link to or from the visitor's programme (`carried`: its ids)."""
    hidden = f'<span class="visually-hidden">: {escape(session.title)}</span>'
    if session.remove_url:
        return f'<a href="{escape(session.remove_url)}">{texts["remove"]}{hidden}</a>'
    if session.id in carried:
        return f'<a class="session__add" href="{texts["mine_url"]}">{texts["in"]}{hidden}</a>'
    return (
        f'<a class="session__add" href="{texts["add_url"]}{session.id_text}">'
        f"{texts['add']}{hidden}</a>"
    )


def session_items(sessions, level, carried, add_url, mine_url):
    """The `<li>` of each of `sessions` (festival.sessions.Session), their
    titles as `<h{level}>`; `carried`: the ids in the visitor's programme;
    `add_url` / `mine_url`: the starts of the "add to" and "in my programme"
    links. Safe HTML."""
    written = texts(add_url, mine_url)
    level = int(level)
    carried = set(carried)
    return mark_safe("".join(_item(s, level, carried, written) for s in sessions))  # noqa: S308


def _item(session, level, carried, texts):
    cancelled = session.is_cancelled
    classes = "session"
    if cancelled:
        classes += " session--cancelled"
    if session.track:
        classes += f" track-{escape(session.track.slug)}"
    plain = escape(session.title)
    title = f"<del>{plain}</del>" if cancelled else plain
    end_day = f"{escape(session.end_day)} " if session.end_day else ""
    badges = []
    if cancelled:
        badges.append(f'<span class="badge badge--cancelled">{texts["cancelled"]}</span>')
    if session.format_label:
        badges.append(f'<span class="badge">{escape(session.format_label)}</span>')
    if session.is_online:
        online = texts["hybrid"] if session.is_onsite else texts["online"]
        badges.append(f'<span class="badge badge--online">{online}</span>')
    if session.track:
        badges.append(
            f'<span class="session__track"><span class="visually-hidden">{texts["track"]}: '
            f"</span>{escape(session.track.name)}</span>"
        )
    if session.room:
        badges.append(
            f'<span class="session__room"><span class="visually-hidden">{texts["room"]}: '
            f"</span>{escape(session.room.name)}</span>"
        )
    body = [
        f'<h{level} class="session__title"><a href="{escape(session.url)}">{title}</a></h{level}>',
        f'<p class="session__meta">{" ".join(badges)}</p>',
    ]
    if session.speakers:
        body.append(
            f'<p class="session__speakers"><span class="session__label">{texts["with"]}</span> '
            f"{escape(session.speaker_names)}</p>"
        )
    if session.languages:
        names = ", ".join(f"<span>{escape(name)}</span>" for _code, name in session.languages)
        body.append(
            f'<p class="session__languages"><span class="session__label">'
            f"{texts['languages']}:</span> {names}</p>"
        )
    if session.places and not cancelled:
        part = live_part("places", session.id, session.places_html, session.places.code)
        body.append(f'<p class="session__places">{part}</p>')
    body.append(f'<p class="session__actions">{action(session, carried, texts)}</p>')
    return (
        f'<li class="{classes}" data-session="{session.id_text}">\n'
        f'<p class="session__time"><time datetime="{escape(session.start_iso)}">'
        f'{escape(session.start_time)}</time>–<time datetime="{escape(session.end_iso)}">'
        f"{end_day}{escape(session.end_time)}</time></p>\n"
        f'<div class="session__body">\n' + "\n".join(body) + "\n</div>\n</li>\n"
    )
