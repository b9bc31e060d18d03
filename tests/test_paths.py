"""Indexed paths keep no identity number, and the files are still found, skipped and pruned."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from index.ingest import ingest
from index.parse import parse_file
from index.paths import is_gone, locate, shown_path, stored_path
from index.pipeline import doc_id_for
from index.privacy import MASK
from index.store import Store, describe, to_tantivy
from search.engine import Engine, SearchParams
from tests.conftest import ROOT

PROTOCOL = "Protokoll styrelsen 2024-03-12\n§ 1 Budget\nBudgeten godkänns.\n"
NUMBER = "19121212-1212"


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        ("/arkiv/protokoll_19121212-1212.pdf", f"/arkiv/protokoll_{MASK}.pdf#1"),
        ("/arkiv/19121212_1212/protokoll.pdf", f"/arkiv/{MASK}/protokoll.pdf#1"),
        ("/arkiv/protokoll 2024-03-12.pdf", "/arkiv/protokoll 2024-03-12.pdf"),
        ("/arkiv/dnr 2023-850412-1230.pdf", "/arkiv/dnr 2023-850412-1230.pdf"),  # a case number
        ("/arkiv/#1/p.pdf", "/arkiv/#1/p.pdf"),  # a "#" in a path kept as it is
        # a number spread over two or three folder levels
        ("/arkiv/850412/1230.pdf", f"/arkiv/{MASK}/{MASK}.pdf#1"),
        ("/arkiv/19121212/-1212/p.pdf", f"/arkiv/{MASK}/-{MASK}/p.pdf#1"),
        ("/arkiv/1912/1212/1212.txt", f"/arkiv/{MASK}/{MASK}/{MASK}.txt#1"),
        # folders of years and dates over numbered files stay
        ("/arkiv/2024/0412.pdf", "/arkiv/2024/0412.pdf"),
        ("/arkiv/2024-03-12/1200.pdf", "/arkiv/2024-03-12/1200.pdf"),
        ("/arkiv/2024/03/12/1.pdf", "/arkiv/2024/03/12/1.pdf"),
        ("/arkiv/850412/1231.pdf", "/arkiv/850412/1231.pdf"),  # wrong check digit
    ],
)
def test_a_stored_path_has_its_identity_numbers_masked(path: str, stored: str) -> None:
    assert stored_path(path) == stored
    assert is_gone(stored)  # none of these exist


def test_look_alikes_get_ranks_and_are_found_again(tmp_path: Path) -> None:
    """Case folders named after people all mask alike: each file keeps a key of its own."""
    files = [tmp_path / "19121212-1212" / "p.txt", tmp_path / "850412-1230" / "p.txt"]
    files.append(tmp_path / "19121212_1212" / "p.txt")  # another spelling of the first
    for path in files:
        path.parent.mkdir()
        path.write_text(PROTOCOL, "utf-8")
    (tmp_path / "19121212-1213").mkdir()  # no valid number: not a look-alike
    (tmp_path / "19121212-1213" / "p.txt").write_text(PROTOCOL, "utf-8")
    stored = [stored_path(str(path)) for path in files]
    assert len(set(stored)) == 3
    assert all(key.startswith(f"{tmp_path}/{MASK}/p.txt#") for key in stored)
    assert [locate(key) for key in stored] == files
    assert not any(is_gone(key) for key in stored)
    for path in files:
        path.unlink()
    assert all(locate(key) is None and is_gone(key) for key in stored)


def test_a_number_spread_over_folder_levels_is_found_again_and_never_indexed(
    tmp_path: Path,
) -> None:
    files = [tmp_path / "850412" / "1230.txt", tmp_path / "121212" / "1212.txt"]
    files.append(tmp_path / "19121212" / "-1212" / "p.txt")
    files.append(tmp_path / "2024" / "0412.txt")  # no number: kept as it is
    for path in files:
        path.parent.mkdir(parents=True)
        path.write_text(PROTOCOL, "utf-8")
    stored = [stored_path(str(path)) for path in files]
    assert len(set(stored)) == 4 and stored[3] == str(files[3])
    assert not any(digits in key for key in stored for digits in ("850412", "1230", "1212"))
    assert [locate(key) for key in stored] == files
    ix = tmp_path / "ix"
    assert ingest([tmp_path], ix).added == 4
    assert not any(b"850412" in p.read_bytes() for p in ix.rglob("*") if p.is_file())
    again = ingest([tmp_path], ix)
    assert (again.skipped, again.added, again.updated) == (4, 0, 0)
    files[0].unlink()
    assert is_gone(stored[0]) and not is_gone(stored[1])
    assert ingest([tmp_path], ix, prune=True).removed == 1


def test_look_alike_case_folders_are_all_indexed(tmp_path: Path) -> None:
    for number in ("19121212-1212", "850412-1230"):
        (tmp_path / number).mkdir()
        (tmp_path / number / "protokoll.txt").write_text(PROTOCOL, "utf-8")
    ix = tmp_path / "ix"
    assert ingest([tmp_path], ix).added == 2
    assert len(Store.open(ix).documents()) == 2
    again = ingest([tmp_path], ix)
    assert (again.skipped, again.added, again.updated) == (2, 0, 0)


def test_a_relative_masked_path_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(NUMBER).mkdir()
    Path(NUMBER, "p.txt").write_text(PROTOCOL, "utf-8")
    stored = stored_path(f"{NUMBER}/p.txt")
    assert stored == f"{MASK}/p.txt#1" and locate(stored) == Path(NUMBER, "p.txt")


def test_a_masked_path_in_a_gone_folder_is_gone(tmp_path: Path) -> None:
    assert is_gone(stored_path(str(tmp_path / "borta" / f"{NUMBER}" / "p.txt")))


@pytest.mark.parametrize(
    ("file", "locked"),
    [
        (f"låst/{NUMBER}.txt", "låst"),  # the folder the masked name is looked for in
        (f"{NUMBER}/låst/p.txt", f"{NUMBER}/låst"),  # a folder below the masked name
    ],
)
def test_a_masked_path_in_an_unreadable_folder_is_not_gone(file: str, locked: str) -> None:
    """Pruning must never delete what it cannot see. Root reads every folder, so the check
    runs as the user nobody then (as the indexer's own permission tests do)."""
    folder = Path(tempfile.mkdtemp(prefix="finsok-test-"))
    try:
        folder.chmod(0o755)
        (folder / file).parent.mkdir(parents=True)
        (folder / file).write_text(PROTOCOL, "utf-8")
        stored = stored_path(str(folder / file))
        (folder / locked).chmod(0o000)
        check = f"from index.paths import is_gone; print(is_gone({stored!r}))"
        command = [sys.executable, "-c", check]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert done.stdout.strip() == "False", done.stderr
        (folder / locked).chmod(0o755)
        assert not is_gone(stored)
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def test_the_index_keeps_no_number_of_a_file_name_and_still_skips_and_prunes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / NUMBER  # a folder per case, named after the person
    folder.mkdir()
    named = folder / f"protokoll_{NUMBER}.txt"
    named.write_text(PROTOCOL, "utf-8")
    ix = tmp_path / "ix"
    assert ingest([folder], ix).added == 1
    store = Store.open(ix)
    (key,) = store.documents()
    assert "1212" not in key and key == stored_path(str(named.resolve()))
    assert store.documents()[key]["doc_id"] == doc_id_for(key)
    assert not any("1212" in str(p) for p in ix.rglob("*"))
    assert not any(b"19121212" in p.read_bytes() for p in ix.rglob("*") if p.is_file())
    again = ingest([folder], ix)
    assert (again.skipped, again.added, again.updated) == (1, 0, 0)
    named.unlink()
    assert ingest([folder], ix, prune=True).removed == 1
    assert Store.open(ix).documents() == {}


def test_a_record_with_an_unmasked_path_from_an_older_index_is_replaced(tmp_path: Path) -> None:
    """Indexes made before paths were masked hold the number: the next run replaces the
    record with one under the masked path, with no copy left."""
    named = tmp_path / f"protokoll_{NUMBER}.txt"
    named.write_text(PROTOCOL, "utf-8")
    ix = tmp_path / "ix"
    ingest([tmp_path / "none.txt"], ix)  # an empty index
    store = Store.open(ix)
    writer = store.writer()
    real = str(named.resolve())
    for encoded in describe(parse_file(named), doc_id=doc_id_for(real), path=real):
        writer.add_document(to_tantivy(encoded))
    writer.commit()
    writer.wait_merging_threads()
    store.reload()
    assert list(store.documents()) == [real]
    ingest([tmp_path / "other"], ix)  # the file is not among the paths given
    assert list(Store.open(ix).documents()) == [stored_path(real)]


def test_parse_shows_the_source_masked(tmp_path: Path) -> None:
    named = tmp_path / f"protokoll_{NUMBER}.txt"
    named.write_text(PROTOCOL, "utf-8")
    assert parse_file(named).source == str(tmp_path / f"protokoll_{MASK}.txt")


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        ("/arkiv/19121212\n-1212.pdf", f"/arkiv/{MASK}.pdf#1"),
        ("/arkiv/19121212\r-1212.pdf", f"/arkiv/{MASK}.pdf#1"),
        ("/arkiv/intyg 19121212-\r\n1212.pdf", f"/arkiv/intyg {MASK}.pdf#1"),
        ("/arkiv/19121212\u2028-1212/p.pdf", f"/arkiv/{MASK}/p.pdf#1"),
        ("/arkiv/1912\n1212-1212 och 850412-1230.pdf", f"/arkiv/{MASK} och {MASK}.pdf#1"),
        # over a folder level and a line break at once
        ("/arkiv/1912/1212\n-1212.pdf", f"/arkiv/{MASK}/{MASK}.pdf#1"),
        ("/arkiv/1912\n1212/-1212/p.pdf", f"/arkiv/{MASK}/-{MASK}/p.pdf#1"),
        ("/arkiv/850412\r/1230.pdf", f"/arkiv/{MASK}\r/{MASK}.pdf#1"),
        # a line break between numbers that make none stays as it is
        ("/arkiv/möte 2024\n0412.pdf", "/arkiv/möte 2024\n0412.pdf"),
        ("/arkiv/2024/03\n12.pdf", "/arkiv/2024/03\n12.pdf"),
        ("/arkiv/850412/1231\n.pdf", "/arkiv/850412/1231\n.pdf"),  # wrong check digit
        ("/arkiv/sida 12\r\n1212.pdf", "/arkiv/sida 12\r\n1212.pdf"),
    ],
)
def test_a_number_a_line_break_in_a_name_cuts_is_masked(path: str, stored: str) -> None:
    """A name with a line break in it was masked line by line, so "19121212\\n-1212.pdf"
    kept the number in the index, the document id and every `source` shown."""
    assert stored_path(path) == stored


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        # an invisible character as well: read without it, the masked reading has fewer
        # characters, and its pieces were matched to the names by line alone
        ("/arkiv/1912\u200b/1212\n-1212.pdf", f"/arkiv/{MASK}/{MASK}.pdf#1"),
        ("/arkiv/19\u00ad12/1212\n-1212.pdf", f"/arkiv/{MASK}/{MASK}.pdf#1"),
        ("/arkiv/191212\u200b12\n/-1212.pdf", f"/arkiv/{MASK}\n/-{MASK}.pdf#1"),
        # must not change: no line break in a name, or no number
        ("/arkiv/1912\u200b/1212-1212.pdf", f"/arkiv/{MASK}/{MASK}.pdf#1"),
        ("/arkiv/2024\u200b/03\n12.pdf", "/arkiv/2024\u200b/03\n12.pdf"),
    ],
)
def test_a_number_over_a_level_a_line_break_and_an_invisible_character_is_masked(
    path: str, stored: str
) -> None:
    """With an invisible character in the path, `_masked_across` gave up when a name held a
    line break, so the number stayed in the index and in every `source` shown."""
    assert stored_path(path) == stored
    assert "1212" not in shown_path(path)


@pytest.mark.parametrize(
    "name", ["19121212\n-1212.txt", "intyg 19121212\r-1212.txt", "1912/1212\n-1212.txt"]
)
def test_a_file_whose_name_a_line_break_cuts_is_indexed_masked_and_found_again(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "arkiv"
    (folder / name).parent.mkdir(parents=True)
    (folder / name).write_text(PROTOCOL, "utf-8")
    ix = tmp_path / "ix"
    assert ingest([folder], ix).added == 1
    assert "1212" not in parse_file(folder / name).source
    store = Store.open(ix)
    (key,) = store.documents()
    assert "1212" not in key and locate(key) == (folder / name).resolve()
    assert not any(b"1212" in p.read_bytes() for p in ix.rglob("*") if p.is_file())
    [hit] = Engine.open(ix).search(SearchParams(q="budgeten"))["hits"]
    assert "1212" not in hit["source"] and "XXXX" in hit["source"]
    again = ingest([folder], ix, prune=True)
    assert (again.skipped, again.added, again.removed) == (1, 0, 0)
    (folder / name).unlink()
    assert ingest([folder], ix, prune=True).removed == 1
