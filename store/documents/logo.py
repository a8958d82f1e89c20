"""Checking a company logo file the user picked and re-encoding it as a small, clean PNG (R3)."""

from __future__ import annotations

import io
import os
import stat
import struct
import warnings
from pathlib import Path
from uuid import uuid4

from pydantic import BaseModel, ConfigDict

from store.errors import InvalidInput
from store.i18n import _

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4096
STORED_SIDE = 512  # the preview never needs more, and the blob stays small in the database
ACCEPTED_FORMATS = ("PNG", "JPEG")
# What Pillow's parsers and decoders raise on truncated, corrupt or hostile files.
_BROKEN_IMAGE = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
)


class PreparedLogo(BaseModel):
    """A logo ready to store: a generated file name and the re-encoded PNG with its size."""

    model_config = ConfigDict(frozen=True)

    filename: str
    png: bytes
    width: int
    height: int


def prepare_logo(path: str | Path) -> PreparedLogo:
    """Check the file at `path` against the logo rules and re-encode it; InvalidInput if refused."""
    return prepare_logo_data(_read_regular_file(Path(path).expanduser()))


def prepare_logo_data(data: bytes) -> PreparedLogo:
    """Check an image's bytes (a file's, or read from stdin over SSH) against the logo rules and
    re-encode it; InvalidInput if refused."""
    from PIL import Image, ImageOps

    _check_size(len(data))
    try:
        # The pixel check below is ours; Pillow's bomb warning would only print to the terminal.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opening reads only the header; restricting formats keeps every other decoder away.
            image: Image.Image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("The logo must be at most {side}×{side} pixels; this image is far larger.").format(
                side=MAX_SIDE
            )
        ) from None
    except _BROKEN_IMAGE:
        raise _refuse(_("Use a PNG or JPEG image; this file is not one.")) from None

    width, height = image.size
    if width > MAX_SIDE or height > MAX_SIDE:
        raise _refuse(
            _(
                "The logo must be at most {side}×{side} pixels; this image is {width}×{height}."
            ).format(side=MAX_SIDE, width=width, height=height)
        )
    try:
        # JPEG can decode straight at 1/2, 1/4 or 1/8 size: a large photo loads many times faster.
        image.draft(None, (STORED_SIDE, STORED_SIDE))
        image.load()
        # Phones store rotation as metadata, which is about to be dropped: apply it first.
        image = ImageOps.exif_transpose(image).convert("RGBA")
    except _BROKEN_IMAGE:
        raise _refuse(
            _(
                "This image is damaged or incomplete; use a PNG or JPEG image that "
                "opens in an image viewer."
            )
        ) from None

    image.thumbnail((STORED_SIDE, STORED_SIDE))
    image.info = {}  # no EXIF, ICC profile, text chunks or anything else the file carried
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return PreparedLogo(
        filename=f"logo-{uuid4().hex}.png",
        png=out.getvalue(),
        width=image.width,
        height=image.height,
    )


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file of at most MAX_BYTES, else InvalidInput."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise _refuse(_("There is no file at {path}; check the path.").format(path=path)) from None
    except (OSError, ValueError) as error:
        raise _refuse(
            _("Cannot read {path}: {reason}.").format(
                path=path, reason=getattr(error, "strerror", None) or error
            )
        ) from None
    # Decided before opening: opening a FIFO would wait for a writer, /dev/zero never ends.
    if stat.S_ISLNK(info.st_mode):
        raise _refuse(_("Choose a regular file, not a symbolic link."))
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(_("Choose an image file, not a folder."))
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(_("Choose a regular image file, not a device, pipe or socket."))
    _check_size(info.st_size)

    # The path may have been swapped since lstat: O_NOFOLLOW and O_NONBLOCK keep the open
    # harmless, and fstat proves it is still the same regular file.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise _refuse(
            _("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)
        ) from None
    with os.fdopen(fd, "rb") as file:
        opened = os.fstat(file.fileno())
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(
            opened.st_mode
        ):
            raise _refuse(_("The file changed while it was being read; try again."))
        data = file.read(MAX_BYTES + 1)
    _check_size(max(len(data), opened.st_size))
    return data


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise _refuse(
            _("The logo must be at most 2 MiB; this file is {size:.1f} MiB.").format(
                size=size / (1024 * 1024)
            )
        )


def _refuse(message: str) -> InvalidInput:
    return InvalidInput({"logo": message})
