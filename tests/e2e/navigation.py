"""Clicks that load a new page.

Playwright's `click()` returns once the click is done, which can be before the
next page's document is parsed: `page.url` already shows the new address while
locators still see nothing (or the old page). On a busy machine a test then
reads an empty list. `follow` waits for the new page's load event first.
"""


def follow(page, locator, **click):
    """Click `locator` and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        locator.click(**click)
