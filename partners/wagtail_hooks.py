"""What the partners app adds to the pages of the apps below it: the home page's
partners section."""

from wagtail import hooks

from home.hooks import HOME_LISTING_TEMPLATES


@hooks.register(HOME_LISTING_TEMPLATES)
def home_listing_templates():
    return {"partners": "blocks/partners_block.html"}
