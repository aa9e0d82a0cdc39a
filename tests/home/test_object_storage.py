"""Uploads on S3-compatible object storage, as production runs with
AWS_STORAGE_BUCKET_NAME set: originals and renditions are written to the
bucket, nothing to the app server's disk, and URLs point at the media domain.
The bucket is moto's in-process S3 emulation (no network)."""

import runpy
from io import BytesIO
from pathlib import Path

import boto3
import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.test import override_settings
from moto import mock_aws
from PIL import Image as PILImage
from wagtail.images import get_image_model

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"
BUCKET = "samenverder-media"
MEDIA_DOMAIN = "media.samenverder.example"


@pytest.fixture
def s3_storages(monkeypatch, tmp_path, settings):
    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_S3_CUSTOM_DOMAIN": MEDIA_DOMAIN,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    configured = runpy.run_path(str(BASE_SETTINGS))
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    with mock_aws():
        boto3.client("s3", region_name="eu-central-1").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        with override_settings(STORAGES=configured["STORAGES"]):
            storages._storages.clear()
            yield configured
        storages._storages.clear()


def _png():
    buffer = BytesIO()
    PILImage.new("RGB", (640, 480), (40, 110, 80)).save(buffer, "PNG")
    return ImageFile(buffer, name="dorpsplein.png")


def _keys():
    listing = boto3.client("s3", region_name="eu-central-1").list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.mark.django_db
def test_images_and_their_renditions_are_stored_in_the_bucket(s3_storages, settings):
    assert s3_storages["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"][-1].endswith(
        MEDIA_DOMAIN
    )
    image = get_image_model().objects.create(title="Dorpsplein", file=_png())
    rendition = image.get_rendition("fill-320x240")

    keys = _keys()
    assert f"media/original_images/{image.file.name.rsplit('/', 1)[-1]}" in keys
    assert any(key.startswith("media/images/") and "fill-320x240" in key for key in keys)
    assert rendition.url.startswith(f"https://{MEDIA_DOMAIN}/media/images/")
    assert (rendition.width, rendition.height) == (320, 240)
    assert not settings.MEDIA_ROOT.exists()

    # A second request for the same rendition reads it back, it is not made again.
    assert image.get_rendition("fill-320x240").pk == rendition.pk
    assert len(_keys()) == len(keys)
