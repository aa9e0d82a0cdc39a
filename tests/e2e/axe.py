"""The accessibility check every browser test shares: axe-core (shipped with
axe-playwright-python, no CDN) with the WCAG 2.0, 2.1 and 2.2 A and AA rules."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_no_wcag_violations(page):
    """Fail with each violation and the selectors it was found at."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        # Only violations come back whole (the rules that pass are not listed
        # node by node): the same check, without sending thousands of passes.
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, options=options)
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(node["target"]) for node in v["nodes"])
        for v in violations
    )
    assert violations == [], report
