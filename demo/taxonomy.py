"""Demo themes, regions and venues, from the seed documents (Dutch first, then
German and English through wagtail-localize)."""

from demo.data.taxonomy import (
    REGIONS,
    THEMES,
    VENUES,
)
from demo.registry import demo_loader, translate
from home.models import Region, Theme, Venue


@demo_loader(order=1)
def load_taxonomy(context):
    nl = context.locales["nl"]
    for slug, (name, de, en, description) in THEMES.items():
        theme, created = Theme.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "description": description}
        )
        if created:
            context.log(f"theme {slug}")
        translate(theme, "de", {name: de})
        translate(theme, "en", {name: en})
    for slug, (name, de, en, kind, country) in REGIONS.items():
        region, _created = Region.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "kind": kind, "country": country}
        )
        translate(region, "de", {name: de})
        translate(region, "en", {name: en})
    regions = {r.slug: r for r in Region.objects.filter(locale=nl)}
    for data in VENUES.values():
        fields = dict(data["fields"])
        fields["region"] = regions[fields["region"]]
        venue, _created = Venue.objects.get_or_create(
            name=fields.pop("name"), locale=nl, defaults=fields
        )
        translate(venue, "de", data["de"])
        translate(venue, "en", data["en"])
