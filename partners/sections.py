"""The rules behind the partner pages: what a partner page and the partner index
show besides their own fields, the schematic map of the Dutch–German border
region, and the editor group of a partner section.

Every function that touches a list costs a fixed number of queries, whatever the
number of partners, timeline entries or photos.

The map is drawn by the site itself, as an inline SVG: the real outlines of the
Netherlands, Germany and Belgium (`partners.geography`), the Dutch–German
border, and a numbered marker per town, placed from the venues' latitude and
longitude. No tile server, no script; the numbered
text list next to it says the same for people who cannot see the map.
"""

import math
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Prefetch
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page

from home import languages
from home.fields import LANGUAGE_CHOICES
from home.i18n import localized
from home.models import COUNTRY_CHOICES, Region, Venue
from kennisbank import services
from partners.geography import MAP_WIDTH, map_height, outlines, project
from partners.models import (
    PartnerContact,
    PartnerFunder,
    PartnerOrganisation,
    PartnerPage,
    PartnerRegion,
)

PHOTO_SPEC = "fill-480x360|format-webp"
PHOTO_LARGE_SPEC = "width-1200|format-webp"

# -- The map ----------------------------------------------------------------------------

# Places in the same town share one marker and one number; the text list names
# each venue under it. Places without a town that lie closer than this (in map
# units, about 3 km) share one too, so their markers do not hide each other.
SAME_SPOT = 6
# Markers of different towns are pushed this far apart (map units, centre to
# centre), so neighbouring towns (Nijmegen, Kranenburg) keep legible numbers
# also on a phone, where the map is drawn at 0.6 and the markers at 1.5.
MARKER_SPACING = 34


@dataclass
class MapEntry:
    """One thing at a place: the partner itself, an event or a visit."""

    kind: str  # "partner", "event" or "visit"
    label: str
    url: str | None = None
    when: object = None


@dataclass
class MapPlace:
    """A venue and what happens there."""

    key: str
    name: str
    city: str
    country: str
    latitude: object
    longitude: object
    entries: list = field(default_factory=list)

    @property
    def country_name(self):
        return dict(COUNTRY_CHOICES).get(self.country, self.country)

    @property
    def kinds(self):
        return {entry.kind for entry in self.entries}


@dataclass
class Marker:
    number: int
    x: float
    y: float
    places: list
    is_partner: bool


@dataclass
class PartnerMap:
    markers: list
    off_map: list
    width: int
    height: int
    paths: dict
    labels: list

    @property
    def places(self):
        return [place for marker in self.markers for place in marker.places]


def add_venue(places, venue, entry):
    """Add `entry` at `venue` to {key: MapPlace} (places without a venue are skipped)."""
    if venue is None:
        return
    key = str(getattr(venue, "translation_key", None) or venue.pk)
    place = places.get(key)
    if place is None:
        place = places[key] = MapPlace(
            key=key,
            name=venue.name,
            city=venue.city,
            country=venue.country,
            latitude=venue.latitude,
            longitude=venue.longitude,
        )
    if not any(e.kind == entry.kind and e.label == entry.label for e in place.entries):
        place.entries.append(entry)


def add_event_rows(places, rows):
    """Add the venues of event rows (anything with .venue, .page.title, .url, .start)."""
    for row in rows or []:
        venue = getattr(row, "venue", None)
        page = getattr(row, "page", None)
        if venue is None or page is None:
            continue
        add_venue(
            places, venue, MapEntry("event", page.title, getattr(row, "url", None), row.start)
        )


def _town(place):
    """The key of the town a place lies in: its country and town name (any case)."""
    city = " ".join((place.city or "").split()).casefold()
    return (place.country, city) if city else None


def build_map(places):
    """Markers for the places inside the map, one per town (venues in the same
    town share a marker and its number), numbered west to east; places outside
    the map are listed as off the map."""
    placed, off_map = [], []
    for place in places.values():
        point = project(place.latitude, place.longitude)
        (placed if point else off_map).append((point, place))
    groups = []  # [town key, [(point, place)]]
    for point, place in sorted(placed, key=lambda item: (item[1].city, item[1].name)):
        town = _town(place)
        group = next(
            (
                g
                for g in groups
                if (town is not None and g[0] == town)
                or (
                    (town is None or g[0] is None)
                    and any(math.dist(point, p) < SAME_SPOT for p, _place in g[1])
                )
            ),
            None,
        )
        if group is None:
            groups.append([town, [(point, place)]])
        else:
            group[1].append((point, place))
    markers = []
    for _town_key, members in groups:
        x = sum(p[0] for p, _place in members) / len(members)
        y = sum(p[1] for p, _place in members) / len(members)
        members_places = sorted((place for _p, place in members), key=lambda p: p.name)
        markers.append(
            Marker(
                number=0,
                x=round(x, 1),
                y=round(y, 1),
                places=members_places,
                is_partner=any("partner" in place.kinds for place in members_places),
            )
        )
    markers.sort(key=lambda m: (m.x, m.y))
    _spread(markers)
    for number, marker in enumerate(markers, start=1):
        marker.number = number
    return PartnerMap(
        markers=markers,
        off_map=[place for _point, place in off_map],
        width=MAP_WIDTH,
        height=map_height(),
        paths=outlines(),
        labels=country_labels(),
    )


def _spread(markers, rounds=20):
    """Move markers that would overlap apart, each by half the overlap, along
    the line between them (a cartographer's displacement for legibility)."""
    for _round in range(rounds):
        moved = False
        for i, a in enumerate(markers):
            for b in markers[i + 1 :]:
                distance = math.dist((a.x, a.y), (b.x, b.y))
                if distance >= MARKER_SPACING:
                    continue
                dx, dy = ((b.x - a.x) / distance, (b.y - a.y) / distance) if distance else (1, 0)
                push = (MARKER_SPACING - distance) / 2
                a.x, a.y = round(a.x - dx * push, 1), round(a.y - dy * push, 1)
                b.x, b.y = round(b.x + dx * push, 1), round(b.y + dy * push, 1)
                moved = True
        if not moved:
            return


# Where the country names go: in the middle of the IJsselmeer polders and of
# Westphalia, away from the places partners are likely to be.
COUNTRY_LABELS = [("NL", 52.55, 5.45), ("DE", 51.75, 7.3)]


def country_labels():
    names = dict(COUNTRY_CHOICES)
    labels = []
    for code, lat, lon in COUNTRY_LABELS:
        x, y = project(lat, lon)
        labels.append({"x": x, "y": y, "text": names[code]})
    return labels


# -- Photos -----------------------------------------------------------------------------


@dataclass
class Photo:
    image: object
    alt: str
    caption: str
    credit: str


def _photo_values(blocks):
    for block in blocks:
        value = getattr(block, "value", block)
        image = value.get("image")
        if image is not None:
            alt = "" if getattr(image, "decorative", False) else image.contextual_alt_text or ""
            yield image.pk, alt, value.get("caption", ""), value.get("credit", "")


def photos_with_renditions(groups, specs=(PHOTO_SPEC, PHOTO_LARGE_SPEC)):
    """[[Photo]] for lists of photo blocks, images and renditions in two queries."""
    values = [list(_photo_values(group)) for group in groups]
    ids = {pk for group in values for pk, *_rest in group}
    images = {}
    if ids:
        images = get_image_model().objects.prefetch_renditions(*specs).in_bulk(list(ids))
    return [
        [
            Photo(images[pk], alt, caption, credit)
            for pk, alt, caption, credit in group
            if pk in images
        ]
        for group in values
    ]


# -- The partner page -------------------------------------------------------------------


def language_names(codes):
    """Names of language codes in the active language, in the order given."""
    names = dict(LANGUAGE_CHOICES)
    return [names.get(code, code) for code in codes]


@dataclass
class Exchange:
    date: object
    precision: str
    title: str
    places: str
    organisations: list
    report: str
    photos: list
    venues: list


def timeline(page):
    """The exchanges, oldest first, with their photos resolved in bulk."""
    entries = [block.value for block in page.timeline if block.block_type == "exchange"]
    photo_groups = photos_with_renditions([entry.get("photos") or [] for entry in entries])
    exchanges = [
        Exchange(
            date=entry["date"],
            precision=entry.get("precision") or "day",
            title=entry["title"],
            places=entry["places"],
            organisations=[o for o in entry.get("organisations") or [] if o is not None],
            report=entry["report"],
            photos=photos,
            venues=[v for v in entry.get("venues") or [] if v is not None],
        )
        for entry, photos in zip(entries, photo_groups, strict=True)
    ]
    return sorted(exchanges, key=lambda e: e.date)


def partner_places(page, base, exchanges):
    """{key: MapPlace} of the partner's own base and the venues of its exchanges."""
    places = {}
    if base is not None:
        add_venue(places, base, MapEntry("partner", page.title, None))
    for exchange in exchanges:
        for venue in exchange.venues:
            add_venue(places, venue, MapEntry("visit", exchange.title, None, exchange.date))
    return places


def partner_context(request, page):
    """Everything the partner page shows besides its own fields."""
    organisations = services.linked(PartnerOrganisation, "organisation", page)
    regions = services.linked(PartnerRegion, "region", page)
    contacts = services.linked(PartnerContact, "person", page)
    funders = services.linked(PartnerFunder, "organisation", page)
    directory = services.directory_page()
    exchanges = timeline(page)
    (gallery,) = photos_with_renditions([page.gallery])
    base = localized(Venue, [page.base])[page.base.translation_key] if page.base_id else None
    organisation_keys = [o.translation_key for o in organisations]
    hero = page.image.get_rendition(services.HERO_IMAGE_SPEC) if page.image_id else None
    return {
        "organisations": [
            (o, services.organisation_url(directory, o, request)) for o in organisations
        ],
        "regions": regions,
        "contacts": contacts,
        "funders": [(o, services.organisation_url(directory, o, request)) for o in funders],
        "organisation_keys": organisation_keys,
        "working_languages": language_names(page.language_codes),
        "country_name": dict(COUNTRY_CHOICES).get(page.country, page.country),
        "base": base,
        "exchanges": exchanges,
        "gallery": gallery,
        "hero": hero,
        "map_places": partner_places(page, base, exchanges),
        "articles": services.articles_of_organisations(request, organisation_keys, limit=3),
        "source_language": languages.content_language(page),
    }


# -- The home page's partners section ---------------------------------------------------

LOGO_SPEC = "max-320x120|format-png"


@dataclass
class HomePartner:
    page: object
    country_name: str
    logo: object  # the first partner organisation's logo (an image), or None
    content_lang: str  # the language its text is in (the source's, for an alias)


def home_partners(limit=6):
    """The live partner pages of the active language, in the editors' order, each
    with its first organisation's logo and that logo's rendition: three queries,
    however many partners."""
    Image = get_image_model()
    links = PartnerOrganisation.objects.select_related("organisation").order_by("sort_order")
    pages = list(
        PartnerPage.objects.live()
        .public()
        .filter(locale__language_code=get_language())
        .select_related("locale", "alias_of__locale")
        .prefetch_related(
            Prefetch(
                "organisation_links",
                queryset=links.prefetch_related(
                    Prefetch(
                        "organisation__logo",
                        queryset=Image.objects.prefetch_renditions(LOGO_SPEC),
                    )
                ),
            )
        )
        .order_by("path")[:limit]
    )
    cards = []
    for page in pages:
        logos = [
            link.organisation.logo
            for link in page.organisation_links.all()
            if link.organisation.logo_id
        ]
        cards.append(
            HomePartner(
                page=page,
                country_name=dict(COUNTRY_CHOICES).get(page.country, page.country),
                logo=logos[0] if logos else None,
                content_lang=(page.alias_of if page.alias_of_id else page).locale.language_code,
            )
        )
    return cards


# -- The partner index ------------------------------------------------------------------


@dataclass
class PartnerCard:
    page: object
    url: str
    country_name: str
    regions: list
    organisations: list
    base: object
    content_lang: str


def partner_index_context(request, index):
    """The partner cards and the map's places: five queries, however many partners."""
    Image = get_image_model()
    pages = list(
        PartnerPage.objects.child_of(index)
        .live()
        .public()
        .select_related("locale", "alias_of__locale", "base")
        .prefetch_related(
            Prefetch("image", queryset=Image.objects.prefetch_renditions(services.CARD_IMAGE_SPEC)),
            Prefetch(
                "region_links",
                queryset=PartnerRegion.objects.select_related("region").order_by("sort_order"),
            ),
            Prefetch(
                "organisation_links",
                queryset=PartnerOrganisation.objects.select_related("organisation").order_by(
                    "sort_order"
                ),
            ),
        )
        .order_by("path")
    )
    region_keys = {link.region.translation_key for p in pages for link in p.region_links.all()}
    regions = localized(Region, region_keys) if region_keys else {}
    venues = localized(Venue, [p.base for p in pages if p.base_id])
    cards, places, organisation_keys = [], {}, set()
    for page in pages:
        organisations = [link.organisation for link in page.organisation_links.all()]
        organisation_keys.update(o.translation_key for o in organisations)
        base = venues.get(page.base.translation_key, page.base) if page.base_id else None
        url = page.get_url(request)
        source = page.alias_of if page.alias_of_id else page
        cards.append(
            PartnerCard(
                page=page,
                url=url,
                country_name=dict(COUNTRY_CHOICES).get(page.country, page.country),
                regions=[
                    regions.get(link.region.translation_key, link.region)
                    for link in page.region_links.all()
                ],
                organisations=organisations,
                base=base,
                content_lang=source.locale.language_code,
            )
        )
        if base is not None:
            add_venue(places, base, MapEntry("partner", page.title, url))
    return {
        "partners": cards,
        "map_places": places,
        "organisation_keys": sorted(organisation_keys),
    }


# -- Editors of one partner section -----------------------------------------------------

SECTION_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Registrations of the section's events (personal data): the group holds this
# model permission, and it counts only where the group also has page permissions.
REGISTRATIONS_PERMISSION = "manage_registrations"


def editor_group_name(page):
    return f"{page.title} editors"


def grant_section_to_group(group, page):
    """Give `group` the page permissions on every language version of `page`
    (the original, its translations and aliases) and access to the admin.

    Wagtail's page permissions hold for a page and everything below it, so the
    group edits the partner page and the events under it, in every language,
    and nothing else. With "Can view and manage registrations" it also sees and
    handles the registrations of those events only (the registrations admin asks
    for both).
    Idempotent; new language versions made later join by themselves
    (`share_section_permissions`).
    """
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="registration", codename=REGISTRATIONS_PERMISSION
        ),
    )
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=SECTION_PERMISSIONS
        )
    )
    for version in Page.objects.filter(translation_key=page.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=version, permission=permission
            )
    return group


def ensure_editor_group(page, name=None):
    """The editor group of a partner section ("<title> editors"), created if missing."""
    group, _created = Group.objects.get_or_create(name=name or editor_group_name(page))
    return grant_section_to_group(group, page)


def share_section_permissions(page):
    """Give a new language version of a partner page the page permissions the
    other versions already have, so a partner's editor group keeps its whole
    section when the page is translated (or gets an alias) after the group was
    made. Runs on every new version (`kennisbank.signals`)."""
    existing = GroupPagePermission.objects.filter(
        page__translation_key=page.translation_key
    ).exclude(page=page)
    for group_id, permission_id in set(existing.values_list("group_id", "permission_id")):
        GroupPagePermission.objects.get_or_create(
            group_id=group_id, page=page, permission_id=permission_id
        )
