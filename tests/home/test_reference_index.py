"""Wagtail's reference index (what the admin shows as an image's or a snippet's
"usage"). The suite skips its upkeep on save (tests/conftest.py) except in tests
marked `reference_index`, like this one: the admin still counts where an image
is used once an article is published with it."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ReferenceIndex

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
