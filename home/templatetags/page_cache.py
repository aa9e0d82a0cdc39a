"""`{% live_part kind key [state] %}…{% end_live_part %}`: a piece of a page
that the page cache keeps apart from the page around it, so that it can change
without the page being rendered again (see "live parts" in home/cache.py).
The app that owns `kind` pushes fresh parts with `home.cache.refresh_parts`,
rendering them exactly as the block does; `state` is what of the part matters
beyond its text (the page may filter or count by it)."""

from django import template

from home.cache import live_part

register = template.Library()


class LivePartNode(template.Node):
    def __init__(self, kind, key, state, nodelist):
        self.kind, self.key, self.state, self.nodelist = kind, key, state, nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        state = self.state.resolve(context) if self.state is not None else None
        return live_part(self.kind.resolve(context), self.key.resolve(context), html, state)


@register.tag("live_part")
def do_live_part(parser, token):
    bits = token.split_contents()
    if len(bits) not in (3, 4):
        raise template.TemplateSyntaxError(f"{bits[0]} takes a kind, a key and a state")
    kind, key, *state = (parser.compile_filter(bit) for bit in bits[1:])
    nodelist = parser.parse(("end_live_part",))
    parser.delete_first_token()
    return LivePartNode(kind, key, state[0] if state else None, nodelist)
