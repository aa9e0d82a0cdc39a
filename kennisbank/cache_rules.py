"""What the knowledge base's changes touch in the page cache (home.invalidation).

Every article list (the index and its theme pages, the directory, the home
page's "latest articles", article cards elsewhere) shows `kb-lists`; an
article published, or a snippet its cards and filters name, touches it."""

from home import invalidation
from home.models import Organisation, Person, Region, Theme
from kennisbank.models import (
    ArticleKind,
    ArticlePage,
    KennisbankIndexPage,
    OrganisationChange,
    OrganisationCheckRequest,
    OrganisationDirectoryPage,
)

KB_LISTS = "kb-lists"

invalidation.page_depends_on(KennisbankIndexPage, KB_LISTS)
invalidation.page_depends_on(OrganisationDirectoryPage, KB_LISTS)


@invalidation.on_publish(ArticlePage)
def article_lists(pages):
    return invalidation.Touch(tags={KB_LISTS})


@invalidation.on_change(Theme, Region, Organisation, Person)
def snippet_in_article_lists(instance):
    return invalidation.Touch(tags={KB_LISTS})


@invalidation.on_change(ArticleKind)
def article_kind(instance):
    return invalidation.republished(instance) | invalidation.Touch(tags={KB_LISTS})


# An organisation asked to check its entry, and the changes it proposes, wait
# for an editor: no page shows them until the approved change is saved on the
# organisation (a snippet, whose rule is above).
invalidation.ignore(OrganisationCheckRequest, OrganisationChange)
