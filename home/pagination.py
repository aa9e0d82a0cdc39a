"""Pages of a list that is read only as far as the page asked for.

Django's `Paginator` counts the whole list before it hands out a page: on a
calendar of ten thousand events that count (and the sort it needs) is most of
the page's time. `ReadAheadPaginator` reads the first `wanted` items with a
function of the caller's (`read(wanted)`), for the asked page and at least
`cap` items: a list of up to `cap` items is counted exactly, a longer one as
"more than `more_than`" (`paginator.more_than`, else None), with a next page
as long as there are items after the asked one. `components/pagination.html`
then leaves out the total number of pages.
"""

from django.core.paginator import Paginator

# Past this page number a request is answered with this page (reading further
# would only serve made-up links).
LAST_READABLE_PAGE = 1000


class ReadAheadPaginator(Paginator):
    def __init__(self, read, per_page, cap):
        super().__init__([], per_page)
        self.read = read
        self.cap = cap
        self.more_than = None

    def get_page(self, number):
        try:
            number = min(max(int(number), 1), LAST_READABLE_PAGE)
        except (TypeError, ValueError, OverflowError):
            number = 1
        wanted = max(self.cap, number * self.per_page) + 1
        self.object_list = list(self.read(wanted))
        if len(self.object_list) >= wanted:
            self.more_than = wanted - 1
        return super().get_page(number)
