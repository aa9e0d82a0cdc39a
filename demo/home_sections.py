"""The home page's sections that other apps draw: upcoming events, the latest
articles, the festival when it is near and the partners, added once after
every app's content exists, in one revision and one translation update."""

from demo.data.core import HOME_APP_SECTIONS
from demo.registry import demo_loader, retranslate
from home.models import HomePage


@demo_loader(order=40)
def load_home_sections(context):
    if context.homes.get("nl") is None:
        return
    # Fresh from the database: the loaders before added children, and a stale
    # copy would write back the home page's old child count.
    home = HomePage.objects.get(pk=context.homes["nl"].pk).get_latest_revision_as_object()
    present = {block.block_type for block in home.body}
    missing = [section for section in HOME_APP_SECTIONS if section[0] not in present]
    if not missing:
        return
    for offset, (block_type, headings, count) in enumerate(missing, start=1):
        value = {"heading": headings["nl"]}
        if count is not None:
            value.update(count=count, theme=None)
        home.body.insert(offset, (block_type, value))
    home.save_revision().publish()
    context.log("home page sections")
    for code in ("de", "en"):
        retranslate(
            home, code, {headings["nl"]: headings[code] for _type, headings, _count in missing}
        )
