"""The rows of a day's timetable (`<tbody>`), written out in Python.

A day of a hundred sessions in five-minute rows is some 400 cells; through the
template engine their loop was a quarter of the page's time (each cell a
context push and a dozen lookups). The markup is the one the timetable always
had; the table around it (caption, column headers) stays in
`festival/programme_grid.html`, and the places left are the template
`registration/state.html` (rendered once per state, `Session.places_html`).
Every text is escaped here, as the template would have: titles, names and
addresses come from editors.
"""

from django.utils.formats import time_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from festival import session_list
from home.cache import live_part


def table_rows(grid, by, carried, add_url, mine_url):
    """The `<tr>` elements of `grid` (programme.Grid) as safe HTML. `by`: "room"
    or "track" (what a session's meta line names besides its format);
    `carried`: the ids in the visitor's programme; `add_url` / `mine_url`: the
    starts of the "add to" and "in my programme" links."""
    written = session_list.texts(add_url, mine_url)
    carried = set(carried)
    out = []
    for row in grid.rows:
        out.append(
            f'<tr><th scope="row"><time datetime="{row.start:%Y-%m-%dT%H:%M}">'
            f"{escape(time_format(row.start))}</time></th>"
        )
        for cell in row.cells:
            if cell.session is None:
                span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
                out.append(f'<td class="timetable__empty"{span}></td>')
            else:
                out.append(_session_cell(cell.session, cell.rowspan, by, carried, written))
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value in it is escaped


def _session_cell(session, rowspan, by, carried, texts):
    classes = "timetable__session"
    if session.track:
        classes += f" track-{escape(session.track.slug)}"
    if session.is_cancelled:
        classes += " session--cancelled"
    plain = escape(session.title)
    title = f"<del>{plain}</del>" if session.is_cancelled else plain
    meta = []
    if session.is_cancelled:
        meta.append(f'<span class="badge badge--cancelled">{texts["cancelled"]}</span> ')
    meta.append(escape(session.format_label))
    if by == "room" and session.track:
        meta.append(f" · {escape(session.track.name)}")
    elif by == "track" and session.room:
        meta.append(f" · {escape(session.room.name)}")
    if session.speakers:
        meta.append(f" · {escape(session.speaker_names)}")
    places = ""
    if session.places and not session.is_cancelled:
        part = live_part("places", session.id, session.places_html, session.places.code)
        places = f'<p class="timetable__places">{part}</p>'
    return (
        f'<td rowspan="{rowspan}" class="{classes}" data-session="{session.id_text}">'
        f'<p class="timetable__time">{escape(session.start_time)}–{escape(session.end_time)}</p>'
        f'<p class="timetable__title"><a href="{escape(session.url)}">{title}</a></p>'
        f'<p class="timetable__meta">{"".join(meta)}</p>'
        f"{places}"
        f'<p class="session__actions">{session_list.action(session, carried, texts)}</p></td>'
    )
