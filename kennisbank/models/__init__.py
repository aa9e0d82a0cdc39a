"""The knowledge base's models: article kinds (`kinds`), the index and article
pages with their translatable links to the shared snippets (`articles`), the
organisation directory (`directory`) and the cross-border partner pages
(`partners`)."""

from .articles import (
    ArticleAuthor,
    ArticleOrganisation,
    ArticlePage,
    ArticlePageForm,
    ArticlePhotographer,
    ArticleRegion,
    ArticleTag,
    ArticleTheme,
    KennisbankIndexPage,
)
from .directory import OrganisationDirectoryPage
from .kinds import ArticleKind
from .partners import (
    PartnerContact,
    PartnerFunder,
    PartnerIndexPage,
    PartnerOrganisation,
    PartnerPage,
    PartnerRegion,
)

__all__ = [
    "ArticleAuthor",
    "ArticleKind",
    "ArticleOrganisation",
    "ArticlePage",
    "ArticlePageForm",
    "ArticlePhotographer",
    "ArticleRegion",
    "ArticleTag",
    "ArticleTheme",
    "KennisbankIndexPage",
    "OrganisationDirectoryPage",
    "PartnerContact",
    "PartnerFunder",
    "PartnerIndexPage",
    "PartnerOrganisation",
    "PartnerPage",
    "PartnerRegion",
]
