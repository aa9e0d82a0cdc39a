"""Phones first: at 320 and 390 px every page type fits the screen, the header
stays small, list pages show their first result early, and the main menu and
the filters fold behind buttons that work without JavaScript.

The pages are found the way a visitor finds them (the main menu of each
language's home page, then the first article, event, partner, month view and
festival programme linked from there), so the test follows the content of the
site it is given. One browser context per width keeps it cheap.
"""

import re

import pytest

from tests.e2e.axe import assert_no_wcag_violations

pytestmark = pytest.mark.e2e

PHONES = {320: 568, 390: 844}  # width -> height (iPhone SE 1st gen, iPhone 12-15)
HEADER_MAX = 160  # px on a phone
LANGUAGES = ["nl", "de", "en"]

# Links to more page types, followed from the pages the main menu leads to.
FOLLOW = [
    ".kb-cards .card__title a",  # an article
    ".pt-card .card__title a",  # a partner page
    ".calendar-layout__results .event-item__title a",  # an event
    ".calendar-views li:nth-child(2) a",  # the month view
    ".festival-nav li:nth-child(2) a",  # the festival programme
]

# List pages (marked by an element only they have) and their results.
LISTS = {
    ".kb-index": ".kb-cards > li",
    ".kb-directory": ".kb-org",
    "body.template-calendar:not(.template-calendar-month) .calendar-layout": ".event-item",
    ".calendar-month": ".calendar__events li",
    ".festival-programme": ".session-list > li",
}

MEASURE = """([lists, headerMax]) => {
    const problems = [];
    const width = document.scrollingElement.scrollWidth;
    if (width > innerWidth) problems.push(`scrolls sideways: ${width} > ${innerWidth}`);
    const header = document.querySelector(".site-header").getBoundingClientRect().height;
    if (header > headerMax) problems.push(`header ${Math.round(header)} px tall`);
    for (const [marker, item] of lists) {
        if (!document.querySelector(marker)) continue;
        const first = [...document.querySelectorAll(item)].find((el) => el.offsetParent !== null);
        if (!first) continue;  // an empty list has nothing to show first
        const top = first.getBoundingClientRect().top + scrollY;
        if (top > 1.5 * innerHeight) {
            problems.push(`first result at ${Math.round(top)} px, below 1.5 screens`);
        }
    }
    return problems;
}"""


def _links(page, selector):
    return page.eval_on_selector_all(selector, "els => els.map((a) => a.getAttribute('href'))")


@pytest.fixture(scope="module")
def phone_walk(live_site, browser):
    """Walk every page type in every language once, measuring each at both
    phone widths (the viewport is resized, not the page reloaded).

    Returns ({width: {path: [problem, ...]}}, {width: list markers seen}, paths).
    """
    context = browser.new_context(viewport={"width": 320, "height": PHONES[320]})
    page = context.new_page()
    problems = {width: {} for width in PHONES}
    lists_seen = {width: set() for width in PHONES}
    paths = []

    def visit(path):
        """Measure the page at `path`; return False when it was seen before."""
        if not path.startswith("/") or path in paths:
            return False
        paths.append(path)
        page.goto(live_site + path)
        for width, height in PHONES.items():
            page.set_viewport_size({"width": width, "height": height})
            found = page.evaluate(MEASURE, [list(LISTS.items()), HEADER_MAX])
            if found:
                problems[width][path] = found
            lists_seen[width] |= {m for m in LISTS if page.query_selector(m)}
        return True

    def follow(depth):
        """Visit the first link of each page type linked from the current page."""
        links = [href for selector in FOLLOW for href in _links(page, selector)[:1]]
        if not links and depth:
            # A plain page from the menu that leads on with a button (the
            # festival overview leads to its festivals).
            links = _links(page, "#main a.button[href$='/']:not([download])")[:1]
        for href in links:
            if visit(href) and depth:
                follow(depth - 1)

    try:
        for language in LANGUAGES:
            visit(f"/{language}/")
            for href in _links(page, ".main-nav a"):
                if visit(href):
                    follow(depth=1)
    finally:
        context.close()
    return problems, lists_seen, paths


@pytest.mark.parametrize("width", sorted(PHONES))
def test_every_page_type_fits_a_phone(phone_walk, width):
    problems, lists_seen, _paths = phone_walk
    assert problems[width] == {}
    # The walk reached every list page type (else the test proves little).
    assert lists_seen[width] == set(LISTS)


def test_menu_is_folded_on_a_phone_and_opens_from_the_keyboard(live_site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site + "/de/")
        nav = page.get_by_role("navigation", name="Hauptmenü")
        button = page.locator(".main-menu__button")
        assert button.inner_text().strip() == "Menü"
        assert not nav.is_visible()
        # Keyboard: the button is in the tab order right after the brand.
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Tab")  # brand
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('main-menu__button')")
        page.keyboard.press("Enter")
        assert nav.is_visible()
        assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX
    finally:
        context.close()


def test_filters_fold_on_a_phone_and_stay_open_on_a_wide_screen(live_site, browser, phone_walk):
    calendar = next(p for p in phone_walk[2] if p.startswith("/de/") and "/veranstaltungen/" in p)
    calendar = calendar.split("veranstaltungen/")[0] + "veranstaltungen/?mode=online"
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = phone.new_page()
        page.goto(live_site + calendar)
        toggle = page.locator(".filter-panel__toggle")
        assert toggle.inner_text().strip() == "Filter (1 aktiv)"
        assert not page.get_by_role("button", name="Termine zeigen").is_visible()
        toggle.click()
        assert page.get_by_role("button", name="Termine zeigen").is_visible()
        assert_no_wcag_violations(page)

        page = wide.new_page()
        page.goto(live_site + calendar)
        assert page.get_by_role("button", name="Termine zeigen").is_visible()
        assert not page.locator(".filter-panel__toggle").is_visible()
        assert page.get_by_role("navigation", name="Hauptmenü").is_visible()
    finally:
        phone.close()
        wide.close()


def test_month_view_is_an_agenda_on_a_phone(live_site, browser, phone_walk):
    month = next(p for p in phone_walk[2] if p.startswith("/de/") and "/monat/" in p)
    context = browser.new_context(viewport={"width": 320, "height": 568})
    try:
        page = context.new_page()
        page.goto(live_site + month)
        assert not page.locator(".calendar thead").is_visible()
        day = page.locator(".calendar td:has(.calendar__events) .calendar__day").first
        # The day as German writes it shows ("Samstag, 12. Dezember"), not just "12".
        assert re.fullmatch(r"[A-Z][a-z]+, \d{1,2}\. [A-Z][a-zä]+", day.inner_text().strip())
        assert_no_wcag_violations(page)
    finally:
        context.close()
