"""`make screenshots`: every page type of the demo in nl, de and en, at 390 and 1280 px.

Builds the demo site (`load_demo` on a freshly migrated SQLite file under
`screenshots/.site/`, as the demo test does), serves it as `make run` would and
lets Debian's Chromium (through Playwright, as the browser tests do) take a
full-page PNG of one page of every page type, plus the views behind a page's
routes that visitors reach from the menu (festival programme and speakers, the
month view, an organisation, search). The files land in `screenshots/`
(git-ignored) as `<language>-<width>-<what>.png`, for a person to look at.

    python tests/screenshots.py            # build the demo afresh, then shoot
    python tests/screenshots.py --reuse    # keep the last build (templates changed only)
    python tests/screenshots.py home festival_page   # only these names
"""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_ARGS, _serve  # noqa: E402
from tests.support import build_demo_site, demo_site_env  # noqa: E402

OUT = ROOT / "screenshots"
LANGUAGES = ("nl", "de", "en")
WIDTHS = (390, 1280)


def _page_paths(workdir):
    """{name: {language: path}}: one live page of every page type per language,
    plus the routed views behind them."""
    os.environ.update(demo_site_env(workdir, 8000))
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone, translation
    from wagtail.models import Page

    from home.models import Organisation

    paths = {}
    types = ContentType.objects.filter(
        pk__in=Page.objects.live().filter(depth__gt=1).values("content_type")
    )
    for content_type in sorted(types, key=lambda t: t.model):
        model = content_type.model_class()
        for code in LANGUAGES:
            page = (
                model.objects.live()
                .filter(locale__language_code=code, alias_of__isnull=True)
                .order_by("path")
                .first()
            ) or model.objects.live().filter(locale__language_code=code).order_by("path").first()
            if page is None:
                continue
            url = page.get_url()
            paths.setdefault(content_type.model, {})[code] = url
            extra = {
                "festivalpage": [("programme", ()), ("speakers", ())],
                "eventindexpage": [("month", (timezone.now().year, timezone.now().month))],
            }.get(content_type.model, [])
            for route, args in extra:
                try:
                    sub = page.reverse_subpage(route, args=args)
                except NoReverseMatch:  # a route this version does not have
                    continue
                paths.setdefault(f"{content_type.model}-{route}", {})[code] = url + sub
            if content_type.model == "organisationdirectorypage":
                organisation = Organisation.objects.filter(locale=page.locale).first()
                if organisation is not None:
                    sub = page.reverse_subpage("organisation_view", args=(organisation.slug,))
                    paths.setdefault("organisation", {})[code] = url + sub
        for code in LANGUAGES:
            with translation.override(code):
                paths.setdefault("search", {})[code] = reverse("search") + "?q=dorp"
    return paths


def main(argv):
    reuse = "--reuse" in argv
    only = [a for a in argv if not a.startswith("--")]
    build = OUT / ".site"
    if not reuse and build.exists():
        shutil.rmtree(build)
    build.mkdir(parents=True, exist_ok=True)
    print("building the demo site (migrate + load_demo)…", flush=True)
    workdir = build_demo_site(build)
    paths = _page_paths(workdir)
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is not installed (make chromium installs it)")
    from playwright.sync_api import sync_playwright

    written = 0
    with _serve(workdir, build / "served") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for code in LANGUAGES:
                context = browser.new_context(
                    locale=code, viewport={"width": width, "height": 900 if width > 500 else 844}
                )
                page = context.new_page()
                for name, by_language in sorted(paths.items()):
                    if only and name not in only or code not in by_language:
                        continue
                    response = page.goto(base + by_language[code], wait_until="load")
                    target = OUT / f"{code}-{width}-{name}.png"
                    page.screenshot(path=target, full_page=True)
                    written += 1
                    status = response.status if response else "?"
                    print(f"{status} {target.relative_to(ROOT)}  {by_language[code]}", flush=True)
                context.close()
        browser.close()
    print(f"{written} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main(sys.argv[1:])
