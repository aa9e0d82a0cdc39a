"""The knowledge base's models: article kinds (`kinds`), the index and article
pages with their translatable links to the shared snippets (`articles`)
the organisation directory (`directory`) and what keeps it current
(`checks`)."""

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
from .checks import OrganisationChange, OrganisationCheckRequest
from .directory import OrganisationDirectoryPage
from .kinds import ArticleKind

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
    "OrganisationChange",
    "OrganisationCheckRequest",
    "OrganisationDirectoryPage",
]
