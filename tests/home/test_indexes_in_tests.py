"""Wagtail's reference index (what the admin shows as an image's or a snippet's
"usage") and the search index. The suite skips their upkeep on save
(tests/conftest.py) except in tests marked `reference_index` or `search_index`:
the admin still counts where an image is used once an article is published
with it, and search finds a page saved in a marked test."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, ReferenceIndex

from demo import factories

pytestmark = pytest.mark.django_db


@pytest.mark.reference_index
def test_an_images_usage_lists_the_article_that_shows_it(admin_client, site_tree):
    image = get_image_model().objects.create(title="Dorpsplein", file=get_test_image_file())
    article = factories.ArticlePageFactory(
        parent=site_tree["kennisbank"], title="Het plein leeft", hero_image=image
    )
    article.save_revision().publish()

    assert ReferenceIndex.get_references_to(image).exists()
    response = admin_client.get(f"/admin/images/usage/{image.pk}/")
    assert response.status_code == 200
    assert "Het plein leeft" in response.content.decode()


def test_outside_marked_tests_saves_leave_the_index_alone(site_tree):
    image = get_image_model().objects.create(title="Dorpsplein", file=get_test_image_file())
    factories.ArticlePageFactory(parent=site_tree["kennisbank"], hero_image=image)
    assert not ReferenceIndex.get_references_to(image).exists()


@pytest.mark.search_index
def test_in_tests_marked_search_index_a_saved_page_is_found(site_tree):
    factories.ArticlePageFactory(parent=site_tree["kennisbank"], title="Zonnepanelen op de kerk")
    assert [p.title for p in Page.objects.live().search("zonnepanelen")] == [
        "Zonnepanelen op de kerk"
    ]


def test_outside_them_saves_leave_the_search_index_alone(site_tree):
    factories.ArticlePageFactory(parent=site_tree["kennisbank"], title="Zonnepanelen op de kerk")
    assert list(Page.objects.live().search("zonnepanelen")) == []
