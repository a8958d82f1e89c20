"""Hostile files at the store (issue #5): logos and invoice downloads, stored or refused with a
reason, nothing written beside them. Typed text is in tests/hostile/test_stored_or_refused.py."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image

import store
import store.errors
import store.invoicing.invoices
import store.people.access
import store.profile.billing
import store.profile.company
from store.documents.logo import prepare_logo
from store.errors import InvalidInput, NotFound, StorageError
from store.persistence.models import CompanyLogo, Invoice

JONAS = "jonas@nordwind.de"


# ---------------------------------------------------------------- logos


def png(path: Path, size=(32, 32)) -> Path:
    Image.new("RGB", size, (10, 120, 200)).save(path, format="PNG")
    return path


def logo_refusal(path) -> str:
    with pytest.raises(InvalidInput) as caught:
        prepare_logo(path)
    return caught.value.errors["logo"]


def test_50_mib_logo_is_refused_without_opening_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.write(png(tmp_path / "head.png").read_bytes())
        file.truncate(50 * 1024 * 1024)
    real_open = os.open

    def no_open(target, *args, **kwargs):
        if Path(target) == path:
            raise AssertionError("the 50 MiB file was opened")
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_open)
    started = time.perf_counter()

    assert logo_refusal(path) == "The logo must be at most 2 MiB; this file is 50.0 MiB."
    assert time.perf_counter() - started < 1


def test_logo_of_2_mib_and_one_byte_is_refused(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(png(tmp_path / "real.png").read_bytes())
    with path.open("r+b") as file:
        file.truncate(2 * 1024 * 1024 + 1)

    assert "at most 2 MiB" in logo_refusal(path)


@pytest.mark.parametrize("target", ["good-png", "outside-file", "dangling", "folder"])
def test_symlink_logo_is_refused_whatever_it_points_to(tmp_path, target):
    targets = {"good-png": png(tmp_path / "real.png"), "outside-file": Path("/etc/hostname"),
               "dangling": tmp_path / "nowhere.png", "folder": tmp_path}
    link = tmp_path / "link.png"
    link.symlink_to(targets[target])

    assert logo_refusal(link) == "Choose a regular file, not a symbolic link."


def test_svg_with_svg_extension_is_refused(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

    assert "Use a PNG or JPEG image" in logo_refusal(path)


def test_animated_gif_named_png_is_refused(tmp_path):
    frames = [Image.new("P", (16, 16), color) for color in (1, 2, 3)]
    path = tmp_path / "logo.png"
    frames[0].save(path, format="GIF", save_all=True, append_images=frames[1:])

    assert "Use a PNG or JPEG image" in logo_refusal(path)


def test_logo_is_stored_under_a_generated_name_and_nothing_is_written_beside_it(
    demo, tmp_path, db_url
):
    source_dir = tmp_path / "pictures"
    source_dir.mkdir()
    source = png(source_dir / "Our secret logo (final).png")
    before = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in source_dir.iterdir()}
    data_dir = tmp_path / "data"
    data_before = sorted(p.name for p in data_dir.iterdir())

    view = store.profile.company.set_logo(store.people.access.resolve_actor(JONAS),
        demo["nordwind"], source)

    assert view.logo_filename.startswith("logo-") and "secret" not in view.logo_filename
    assert CompanyLogo.get_by_id(demo["nordwind"]).png.startswith(b"\x89PNG")
    assert {p.name: (p.stat().st_size, p.stat().st_mtime_ns)
            for p in source_dir.iterdir()} == before
    # Only the database's own files in the data folder, no logo file of any name.
    assert all(name.startswith("mycompany.sqlite3") for name in
               sorted(p.name for p in data_dir.iterdir()))
    assert set(data_before) <= {p.name for p in data_dir.iterdir()}


def test_refused_logo_leaves_the_stored_one_and_writes_nothing(demo, tmp_path):
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.company.set_logo(jonas, demo["nordwind"], png(tmp_path / "good.png"))
    stored = CompanyLogo.get_by_id(demo["nordwind"]).filename
    bad = tmp_path / "bad.png"
    bad.write_text("<svg/>")
    listing = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(InvalidInput):
        store.profile.company.set_logo(jonas, demo["nordwind"], bad)

    assert CompanyLogo.get_by_id(demo["nordwind"]).filename == stored
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


# ---------------------------------------------------------------- invoice download


def first_invoice(company_id: int) -> str:
    return (Invoice.select(Invoice.number).where(Invoice.company == company_id)
            .order_by(Invoice.number).first().number)


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_download_next_to_an_existing_file_keeps_it(demo, tmp_path):
    number = first_invoice(demo["nordwind"])
    existing = tmp_path / f"{number}.pdf"
    existing.write_bytes(b"mine")

    path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                           number, tmp_path)

    assert path == tmp_path / f"{number} (1).pdf"
    assert existing.read_bytes() == b"mine"
    assert path.read_bytes().startswith(b"%PDF")


def test_download_onto_a_planted_symlink_leaves_its_target_alone(demo, tmp_path):
    number = first_invoice(demo["nordwind"])
    folder = tmp_path / "downloads"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (folder / f"{number}.pdf").symlink_to(victim)

    path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                           number, folder)

    assert path.parent == folder and not path.is_symlink()
    assert victim.read_bytes() == b"precious"


@pytest.mark.parametrize(
    "number",
    ["../../etc/x", "../INV-000002-0001", "INV-000002-0001/../../x", "/etc/passwd",
     "..", "C:\\Windows\\x", "INV-000002-0001\x00", "%2e%2e%2fx", "INV\x1b]0;x\x07",
     "X" * 5000],
    ids=["dot-dot-etc", "dot-dot-real-number", "real-number-then-dot-dot", "absolute",
         "parent", "windows-path", "nul-suffix", "url-encoded", "escape", "5000-characters"],
)
def test_download_of_a_path_like_invoice_number_is_not_found_and_writes_nothing(
    demo, tmp_path, number
):
    root = tmp_path / "root"
    folder = root / "a" / "b"
    folder.mkdir(parents=True)

    with pytest.raises(NotFound) as caught:
        store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
            demo["nordwind"], number,
                                        folder)

    assert files_under(root) == {root / "a", folder}
    # The message names at most 40 characters of it (the screens show it through safe_text).
    assert "has no invoice" in caught.value.message and len(caught.value.message) < 100


@pytest.mark.parametrize("planted", ["../../evil", "INV/../../evil", ".hidden", "A\x1bB"])
def test_invoice_with_a_planted_path_like_number_is_never_written_outside(
    demo, tmp_path, planted
):
    Invoice.update(number=planted).where(
        Invoice.number == first_invoice(demo["nordwind"])).execute()
    root = tmp_path / "root"
    folder = root / "a" / "b"
    folder.mkdir(parents=True)

    with pytest.raises((NotFound, InvalidInput)):
        store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
            demo["nordwind"],
                                        planted, folder)

    assert files_under(root) == {root / "a", folder}


def test_download_into_a_file_instead_of_a_folder_is_refused(demo, tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_bytes(b"keep")

    with pytest.raises(StorageError):
        store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
            demo["nordwind"],
                                        first_invoice(demo["nordwind"]), target)

    assert target.read_bytes() == b"keep"
