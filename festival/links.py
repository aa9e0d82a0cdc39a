"""The addresses of a festival's sub-pages, for the views that link to them and
the exports that write them into files (neither imports the other)."""


def festival_urls(page, request):
    """The addresses of the festival's views, for links and the navigation."""
    base = page.get_url(request) or ""

    def sub(name, **kwargs):
        return base + page.reverse_subpage(name, kwargs=kwargs or None)

    urls = {
        "overview": base,
        "list": sub("programme"),
        "speakers": sub("speakers"),
        "my_programme": sub("my_programme"),
        "my_programme_ical": sub("my_programme_ical"),
        "ical": sub("ical"),
        "json": sub("json"),
        "frab": sub("frab"),
    }
    urls["programme"] = day_url(page, base, page.start_date) if page.is_one_day else urls["list"]
    return urls


def day_url(page, base, day, by=""):
    url = base + page.reverse_subpage("programme_day", kwargs={"day": day.isoformat()})
    return url + (f"?by={by}" if by else "")


def partner_url(page, base, slug):
    return base + page.reverse_subpage("partner", kwargs={"slug": slug})
