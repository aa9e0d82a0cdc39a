"""`{% session_items sessions level %}`: the sessions of a programme list,
written by `festival.session_list` with the visitor's programme (`carried`,
`add_url`, `mine_url`) from the view's context (`festival.views._base_context`)."""

from django import template

from festival import session_list

register = template.Library()


@register.simple_tag(takes_context=True)
def session_items(context, sessions, level="3"):
    return session_list.session_items(
        sessions,
        level,
        context.get("carried") or (),
        context.get("add_url", ""),
        context.get("mine_url", ""),
    )
