"""Photos are accepted by their content, re-encoded without metadata, and their GPS position is read first."""

from __future__ import annotations

import io
import struct
import zlib

from django.template.defaultfilters import filesizeformat
from django.test import override_settings

import pytest
from PIL import ExifTags, Image

from openbuurt.reports.photos import PhotoError, clean_photo


def jpeg_with_gps(lat: tuple[float, float, float], lon: tuple[float, float, float], *, size: int = 64) -> bytes:
    """Return a JPEG (drawn by us) whose EXIF holds a camera name and a GPS position in the north-east."""
    image = Image.new("RGB", (size, size * 3 // 4), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "OpenBuurt test camera"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: lat, 3: "E", 4: lon})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 120, 200, 255)).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header_only(width: int, height: int) -> bytes:
    """Return a tiny PNG file that claims ``width`` × ``height`` pixels: a decompression bomb's header."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def test_jpeg_gps_is_read_and_all_exif_is_removed() -> None:
    photo = clean_photo(jpeg_with_gps((53.0, 13.0, 10.0), (6.0, 34.0, 0.0)), original_name="straat.jpg")

    assert photo.gps is not None
    assert photo.gps[0] == pytest.approx(53 + 13 / 60 + 10 / 3600, abs=1e-6)
    assert photo.gps[1] == pytest.approx(6 + 34 / 60, abs=1e-6)
    assert photo.content_type == "image/jpeg"
    assert photo.extension == "jpg"
    assert photo.original_name == "straat.jpg"
    with Image.open(io.BytesIO(photo.content)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (photo.width, photo.height) == (64, 48)
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info
    assert b"OpenBuurt test camera" not in photo.content


def test_png_is_accepted_without_a_position() -> None:
    photo = clean_photo(png_bytes(), original_name="kaart.png")

    assert photo.content_type == "image/png"
    assert photo.gps is None
    with Image.open(io.BytesIO(photo.content)) as stored:
        assert stored.format == "PNG"
        assert stored.size == (40, 30)


def test_a_text_file_named_jpg_is_refused_by_its_content() -> None:
    with pytest.raises(PhotoError) as caught:
        clean_photo(b"Dit is geen foto maar platte tekst (door ons geschreven).\n" * 20, original_name="foto.jpg")

    assert caught.value.code == "unreadable"
    assert "foto.jpg" in caught.value.message


def test_an_image_format_we_do_not_take_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="BMP")

    with pytest.raises(PhotoError) as caught:
        clean_photo(out.getvalue(), original_name="scan.bmp")

    assert caught.value.code == "wrong_type"


@override_settings(OPENBUURT_MAX_PHOTO_BYTES=2000)
def test_an_oversize_photo_is_refused_with_the_limit_in_the_message() -> None:
    data = jpeg_with_gps((53.0, 13.0, 0.0), (6.0, 34.0, 0.0), size=400)
    assert len(data) > 2000

    with pytest.raises(PhotoError) as caught:
        clean_photo(data, original_name="groot.jpg")

    assert caught.value.code == "too_large"
    assert filesizeformat(2000) in caught.value.message
    assert filesizeformat(len(data)) in caught.value.message


def test_a_truncated_photo_is_refused() -> None:
    data = jpeg_with_gps((53.0, 13.0, 0.0), (6.0, 34.0, 0.0), size=300)

    with pytest.raises(PhotoError) as caught:
        clean_photo(data[: len(data) // 2], original_name="half.jpg")

    assert caught.value.code == "unreadable"


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(PhotoError) as caught:
        clean_photo(b"", original_name="leeg.jpg")

    assert caught.value.code == "empty"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("width", "height"), [(10_000, 10_000), (30_000, 30_000)])
def test_a_decompression_bomb_is_refused_without_decoding_it(width: int, height: int) -> None:
    bomb = png_header_only(width, height)
    assert len(bomb) < 200

    with pytest.raises(PhotoError) as caught:
        clean_photo(bomb, original_name="bom.png")

    assert caught.value.code in {"too_many_pixels", "unreadable"}
