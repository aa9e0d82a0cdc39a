"""What the digest touches in the page cache (home.invalidation): its page is
linked from every page's footer, so publishing one starts a new generation;
subscriptions show on no page."""

from digests.models import DigestPage, Subscription
from home import invalidation


@invalidation.on_publish(DigestPage)
def digest_page_published(pages):
    return invalidation.Touch(site=True)


invalidation.ignore(Subscription)
