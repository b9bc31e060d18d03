"""The `finsok` console script, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DIR
from tests.pdfgen import make_encrypted_pdf, make_image_only_pdf, make_truncated_pdf

FINSOK = str(Path(sys.executable).with_name("finsok"))
CONTRACT_KEYS = {
    "source",
    "sha256",
    "forbund",
    "forbund_slug",
    "kind",
    "date",
    "title",
    "sections",
    "warnings",
}
SECTION_KEYS = {"label", "number", "title", "text", "page", "decisions"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [FINSOK, *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=env
    )


def test_parse_json_has_the_contract_shape() -> None:
    path = SAMPLE_DIR / "000_0cffb97c7c420864.txt"
    result = run("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == CONTRACT_KEYS
    assert doc["forbund"] == "Samordningsförbundet Söderåsen"
    assert doc["title"] == "Sammanträdesprotokoll nr 4"
    assert len(doc["sha256"]) == 64
    section = doc["sections"][5]
    assert set(section) == SECTION_KEYS
    assert (section["label"], section["number"], section["page"]) == ("§ 47", 47, None)
    assert section["decisions"][0]["id"] is None
    assert "återremittera ärendet" in section["decisions"][0]["text"]


def test_parse_outline_is_readable() -> None:
    result = run("parse", str(SAMPLE_DIR / "002_aa6c41666d4685c7.txt"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Samordningsförbundet i Blekinge (blekinge) · 2025-09-29 · protokoll"
    assert any(line.strip().startswith("§ 11") and "Lärande genomlysning" in line for line in lines)
    assert any("Beslut 2025-5 §11:2: Att ge förbundschefen" in line for line in lines)


def _write(data: bytes):
    return lambda p: p.write_bytes(data) and p


BAD_INPUTS = [
    ("tom.txt", _write(b""), "filen är tom"),
    ("skrap.txt", _write(bytes(range(256)) * 8), "binära data"),
    ("halv.pdf", make_truncated_pdf, "avkortad eller skadad"),
    ("last.pdf", make_encrypted_pdf, "krypterad"),
    ("skannad.pdf", make_image_only_pdf, "saknar textlager"),
    (
        "meny.html",
        _write(b"<html><body><nav><a href='/'>Start</a></nav></body></html>"),
        "saknar läsbart innehåll",
    ),
    ("brev.docx", _write(b"PK\x03\x04"), "filtypen stöds inte"),
    ("saknas.txt", lambda p: p, "filen finns inte"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_clear_line(tmp_path: Path, name: str, make, reason: str) -> None:
    path = tmp_path / name
    make(path)
    result = run("parse", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"finsok: {path}: ")
    assert reason in lines[0]
    assert "Traceback" not in result.stderr


def test_usage_error_exits_non_zero() -> None:
    result = run("parse")
    assert result.returncode == 2
    assert "usage" in result.stderr
