"""Checking and cleaning photos before they are stored.

A photo is accepted by its content, never by its name or the type the browser claims: Pillow must recognise it as
JPEG, PNG, WebP or GIF and decode it. It is then re-encoded without metadata, so EXIF (camera serial, GPS position,
time) never reaches storage; the GPS position is read first so the form can offer it as the report's location.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
MAX_PIXELS = 50_000_000
MAX_SIDE = 4096
_GPS_IFD = 0x8825


class PhotoError(ValueError):
    """A photo that cannot be accepted, with a message fit to show to the resident."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CleanPhoto:
    """A checked, re-encoded photo ready to store."""

    content: bytes
    content_type: str
    extension: str
    width: int
    height: int
    sha256: str
    original_name: str
    gps: tuple[float, float] | None


def _to_degrees(value: Any) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def _gps_position(image: Image.Image) -> tuple[float, float] | None:
    try:
        gps = image.getexif().get_ifd(_GPS_IFD)
        if not gps or 2 not in gps or 4 not in gps:
            return None
        lat = _to_degrees(gps[2]) * (-1 if gps.get(1) == "S" else 1)
        lon = _to_degrees(gps[4]) * (-1 if gps.get(3) == "W" else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return round(lat, 6), round(lon, 6)


def clean_photo(data: bytes, *, original_name: str = "") -> CleanPhoto:
    """Check ``data`` by content and return it re-encoded without metadata, or raise :class:`PhotoError`."""
    limit = settings.OPENBUURT_MAX_PHOTO_BYTES
    name = original_name[-200:]
    if len(data) > limit:
        raise PhotoError(
            "too_large",
            _("The photo %(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name or _("(unnamed)"), "size": filesizeformat(len(data)), "limit": filesizeformat(limit)},
        )
    if not data:
        raise PhotoError("empty", _("The photo %(name)s is empty.") % {"name": name})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format or ""
            if image_format not in ALLOWED_FORMATS:
                raise PhotoError(
                    "wrong_type",
                    _("%(name)s is not a JPEG, PNG, WebP or GIF photo.") % {"name": name or _("The file")},
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError("too_many_pixels", _("The photo %(name)s has too many pixels.") % {"name": name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            gps = _gps_position(image)
            image.load()
            upright = ImageOps.exif_transpose(image)
            if max(upright.size) > MAX_SIDE:
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if image_format == "JPEG":
                upright.convert("RGB").save(out, format="JPEG", quality=88, optimize=True)
            elif image_format == "GIF":
                upright.save(out, format="GIF")
            elif image_format == "WEBP":
                upright.save(out, format="WEBP", quality=88)
            else:
                upright.save(out, format="PNG", optimize=True)
            width, height = upright.size
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(
            "unreadable", _("%(name)s could not be read as a photo.") % {"name": name or _("The file")}
        ) from exc
    content = out.getvalue()
    return CleanPhoto(
        content=content,
        content_type=ALLOWED_FORMATS[image_format],
        extension={"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[image_format],
        width=width,
        height=height,
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=name,
        gps=gps,
    )
