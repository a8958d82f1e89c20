"""The logo rules of R3: format, size, pixels and file kind checked; the image re-encoded clean."""

from __future__ import annotations

import io
import os
import re
import struct
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from store.documents.logo import PreparedLogo, prepare_logo
from store.errors import InvalidInput


def write_image(path: Path, size=(64, 32), mode="RGB", color=(200, 30, 30), **save) -> Path:
    Image.new(mode, size, color).save(path, **save)
    return path


def noise_png(path: Path, side: int = 128) -> Path:
    """A PNG that barely compresses, so cutting the file cuts the pixel data."""
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, format="PNG")
    return path


def decoded(logo: PreparedLogo) -> Image.Image:
    image = Image.open(io.BytesIO(logo.png))
    assert image.format == "PNG"
    return image


def refusal(path) -> str:
    with pytest.raises(InvalidInput) as raised:
        prepare_logo(path)
    assert list(raised.value.errors) == ["logo"]
    return raised.value.errors["logo"]


def test_r3_good_png_is_accepted_and_shrunk_to_512(tmp_path):
    logo = prepare_logo(write_image(tmp_path / "logo.png", size=(1000, 500), format="PNG"))

    assert (logo.width, logo.height) == (512, 256)
    assert decoded(logo).size == (512, 256)


def test_r3_good_jpeg_is_accepted_as_png_whatever_its_extension(tmp_path):
    logo = prepare_logo(write_image(tmp_path / "photo.png", size=(2000, 1000), format="JPEG"))

    assert (logo.width, logo.height) == (512, 256)
    assert decoded(logo).mode == "RGBA"
    assert decoded(logo).getpixel((256, 128))[:3] == pytest.approx((200, 30, 30), abs=3)


@pytest.mark.parametrize("mode", ["RGBA", "P"])
def test_r3_transparency_is_kept(tmp_path, mode):
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    image.putpixel((31, 31), (255, 0, 0, 255))
    if mode == "P":
        image = image.quantize(colors=4)
        image.info["transparency"] = image.getpixel((0, 0))
    image.save(tmp_path / "logo.png", transparency=image.info.get("transparency"))

    stored = decoded(prepare_logo(tmp_path / "logo.png")).convert("RGBA")

    assert stored.getpixel((0, 0))[3] == 0
    assert stored.getpixel((31, 31)) == (255, 0, 0, 255)


def test_r3_metadata_is_stripped(tmp_path):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "secret-comment")
    write_image(tmp_path / "logo.png", format="PNG", pnginfo=text)
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Industries"
    icc_profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    write_image(tmp_path / "photo.jpg", format="JPEG", exif=exif, icc_profile=icc_profile)

    assert b"secret-comment" not in prepare_logo(tmp_path / "logo.png").png
    stored = prepare_logo(tmp_path / "photo.jpg").png
    assert b"SpyCam" not in stored
    assert b"iCCP" not in stored


def test_r3_camera_rotation_is_applied_before_metadata_is_dropped(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    write_image(tmp_path / "photo.jpg", size=(40, 20), format="JPEG", exif=exif)

    logo = prepare_logo(tmp_path / "photo.jpg")

    assert (logo.width, logo.height) == (20, 40)


def huge_png_header(path: Path, width: int, height: int) -> Path:
    """A real small PNG whose IHDR claims `width`×`height`, with a correct CRC."""
    data = bytearray((write_image(path, size=(8, 8), format="PNG")).read_bytes())
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path.write_bytes(bytes(data))
    return path


def test_r3_image_claiming_20000_pixels_is_refused_fast_without_decoding(tmp_path, monkeypatch):
    path = huge_png_header(tmp_path / "bomb.png", 20000, 20000)

    def no_decoding(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", no_decoding)
    started = time.perf_counter()

    message = refusal(path)

    assert time.perf_counter() - started < 1
    assert "at most 4096×4096 pixels" in message


def test_r3_image_over_4096_pixels_is_refused_with_its_size(tmp_path, monkeypatch):
    path = huge_png_header(tmp_path / "big.png", 5000, 4000)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", lambda self: pytest.fail("decoded"))

    assert refusal(path) == ("The logo must be at most 4096×4096 pixels; this image is 5000×4000.")


def test_r3_png_with_zip_appended_is_accepted_and_the_zip_dropped(tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zip_file:
        zip_file.writestr("payload.txt", "SECRET-PAYLOAD")
    path = write_image(tmp_path / "polyglot.png", format="PNG")
    path.write_bytes(path.read_bytes() + archive.getvalue())
    assert b"SECRET-PAYLOAD" in path.read_bytes()

    logo = prepare_logo(path)

    assert b"SECRET-PAYLOAD" not in logo.png
    assert b"PK\x03\x04" not in logo.png


def test_r3_svg_is_refused(tmp_path):
    path = tmp_path / "logo.png"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')

    assert "Use a PNG or JPEG image" in refusal(path)


@pytest.mark.parametrize("image_format", ["GIF", "WEBP", "BMP"])
def test_r3_other_image_formats_are_refused(tmp_path, image_format):
    path = write_image(tmp_path / "logo.png", format=image_format)

    assert "Use a PNG or JPEG image" in refusal(path)


def test_r3_empty_file_is_refused(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"")

    assert "Use a PNG or JPEG image" in refusal(tmp_path / "logo.png")


@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_r3_truncated_image_is_refused(tmp_path, image_format):
    path = tmp_path / "logo"
    Image.frombytes("RGB", (128, 128), os.urandom(128 * 128 * 3)).save(path, format=image_format)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    assert "damaged or incomplete" in refusal(path)


def test_r3_symlink_is_refused(tmp_path):
    target = write_image(tmp_path / "real.png", format="PNG")
    (tmp_path / "link.png").symlink_to(target)

    assert refusal(tmp_path / "link.png") == "Choose a regular file, not a symbolic link."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="os.mkfifo is missing on this platform")
def test_r3_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    outcome = []
    # A thread, so that an implementation that opens the FIFO fails this test instead of hanging.
    worker = threading.Thread(target=lambda: outcome.append(refusal(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=5)

    assert not worker.is_alive(), "prepare_logo blocked on the FIFO"
    assert outcome and "not a device, pipe or socket" in outcome[0]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero is missing")
def test_r3_device_is_refused():
    assert "not a device, pipe or socket" in refusal("/dev/zero")


def test_r3_directory_is_refused(tmp_path):
    assert "not a folder" in refusal(tmp_path)


def test_r3_file_over_2_mib_is_refused_before_reading(tmp_path):
    path = tmp_path / "logo.png"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)

    assert refusal(path) == "The logo must be at most 2 MiB; this file is 50.0 MiB."


def test_r3_missing_file_is_refused_with_its_path(tmp_path):
    message = refusal(tmp_path / "nowhere.png")

    assert "There is no file at" in message
    assert "nowhere.png" in message


def test_r3_stored_file_name_is_generated_not_the_users(tmp_path):
    path = write_image(tmp_path / "my-secret-name.png", format="PNG")

    first, second = prepare_logo(path), prepare_logo(str(path))

    assert re.fullmatch(r"logo-[0-9a-f]{32}\.png", first.filename)
    assert "my-secret-name" not in first.filename
    assert first.filename != second.filename
