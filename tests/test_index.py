"""The index lifecycle: incremental runs, prune, rebuild, versions, busy, crashes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import store as store_module
from index.errors import FinsokError
from index.ingest import ingest
from index.model import Section
from index.parse import parse_file
from index.schema import SCHEMA_VERSION
from index.store import META_FILE, Store, anchors, describe, vocabulary_words, zone_texts
from tests.conftest import FINSOK, SAMPLE_DIR, kill_index_run, many_protocols
from tests.pdfgen import make_truncated_pdf


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "sub"
    folder.mkdir(parents=True)
    for path in SAMPLE_DIR.iterdir():
        shutil.copy(path, folder / path.name)
    return tmp_path / "corpus"


def test_incremental_runs(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    first = ingest([corpus], ix)
    assert (first.added, first.updated, first.skipped, first.failed) == (5, 0, 0, [])
    assert first.sections == 60

    again = ingest([corpus], ix)
    assert (again.added, again.updated, again.skipped) == (0, 0, 5)

    changed = corpus / "sub" / "001_895b1e0f09eda0ef.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n§ 12 Extra punkt\nNytt.", encoding="utf-8"
    )
    third = ingest([corpus], ix)
    assert (third.added, third.updated, third.skipped) == (0, 1, 4)
    docs = Store.open(ix).documents()
    assert len(docs) == 5
    assert docs[str(changed.resolve())]["sections"] == 12


def test_prune_removes_documents_whose_files_are_gone(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    (corpus / "sub" / "004_9d89b2c500131227.txt").unlink()
    kept = ingest([corpus], ix)
    assert kept.removed == 0 and len(Store.open(ix).documents()) == 5
    pruned = ingest([corpus], ix, prune=True)
    assert pruned.removed == 1
    store = Store.open(ix)
    assert len(store.documents()) == 4


def test_changed_analysis_rules_reanalyse_every_indexed_file(corpus: Path, tmp_path: Path) -> None:
    """An index made with other analysis rules (an older Finsök) has terms queries no longer
    look for: the next run analyses every indexed file again, also files indexed from another
    folder, keeps where they came from, and says so."""
    ix, other = tmp_path / "ix", tmp_path / "other"
    other.mkdir()
    extra = _protocol(other, "extra.txt", "Styrelsen talar om regler.")
    ingest([corpus], ix)
    ingest([extra], ix, provenance=lambda _: {"source_url": "http://127.0.0.1/extra.txt"})
    meta = ix / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "analysis": "older"}))
    (ix / "vocabulary.tsv").write_text("zyxbrok\t2\n")

    done = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "6 dokument analyserades om" in done.stdout
    assert "6 uppdaterade" in done.stdout
    docs = Store.open(ix).documents()
    assert len(docs) == 6
    assert docs[str(extra.resolve())]["source_url"] == "http://127.0.0.1/extra.txt"
    assert json.loads(meta.read_text())["analysis"] != "older"
    assert not (ix / "vocabulary.tsv").exists()  # an older index's file, no longer read
    again = ingest([corpus], ix)
    assert (again.reanalysed, again.updated, again.skipped) == (0, 0, 5)


def _made_with_older_rules(ix: Path) -> None:
    meta = ix / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "analysis": "older"}))


def test_a_file_failing_during_reanalysis_leaves_its_document_stale(
    corpus: Path, tmp_path: Path
) -> None:
    """A failed file keeps its document, on purpose, but that document keeps its terms made
    with the older rules: the index was marked current all the same, and no later run read
    the file again. It stays stale, alone: the next runs read it (and only it) again, until
    it is indexed under the new rules."""
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    broken = corpus / "sub" / "001_895b1e0f09eda0ef.txt"
    text = broken.read_bytes()
    doc_id = Store.open(ix).documents()[str(broken.resolve())]["doc_id"]
    _made_with_older_rules(ix)
    broken.write_bytes(b"")

    first = ingest([corpus], ix)
    store = Store.open(ix)
    assert not store.analysis_is_current() and store.stale_documents() == {doc_id}
    assert (first.reanalysed, first.updated, first.behind, first.kept) == (4, 4, 1, [str(broken)])
    again = ingest([corpus], ix)  # the others are current: only the stale one is read
    assert (again.reanalysed, again.skipped, again.behind, len(again.failed)) == (0, 4, 1, 1)

    broken.write_bytes(text)
    fixed = ingest([corpus], ix)
    assert (fixed.reanalysed, fixed.updated, fixed.skipped, fixed.behind) == (1, 1, 4, 0)
    assert Store.open(ix).analysis_is_current()
    assert ingest([corpus], ix).skipped == 5


def test_a_file_gone_during_reanalysis_is_stale_until_pruned(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    _made_with_older_rules(ix)
    (corpus / "sub" / "001_895b1e0f09eda0ef.txt").unlink()
    done = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "Analysreglerna har ändrats sedan indexet byggdes: 4 dokument analyserades om.",
        "1 dokument kunde inte analyseras om och finns kvar med de tidigare analysreglerna "
        "(deras filer misslyckades eller finns inte längre) — rätta filerna, eller ta bort dem "
        "och indexera med --prune; nästa körning läser dem igen om filerna finns.",
    ]
    searched = subprocess.run(
        [FINSOK, "search", "budget", "--index", str(ix)], capture_output=True, text=True
    )
    assert searched.stderr == (
        f"finsok: obs: 1 dokument i indexet i {ix} gjordes med äldre analysregler (deras filer "
        "kunde inte läsas om), så sökningen kan missa dem — rätta filerna och kör `finsok index "
        f"{corpus.resolve() / 'sub'} --index {ix}`, eller ta bort dem och indexera med --prune\n"
    )
    pruned = ingest([corpus], ix, prune=True)
    assert (pruned.removed, pruned.behind) == (1, 0)
    assert Store.open(ix).analysis_is_current()


def test_an_empty_index_made_with_older_rules_is_current_after_a_run(
    corpus: Path, tmp_path: Path
) -> None:
    """An index with no document yet (a source's folder before its first crawl) made with
    older rules was never marked current, as there was nothing to analyse again: the
    documents a run then added, made with these rules, were said to be stale (`finsok
    search` warned, `/healthz` said `analysis_current: false`), and the next run read every
    one of them again as if the rules had changed."""
    ix, empty = tmp_path / "ix", tmp_path / "tom"
    empty.mkdir()
    ingest([empty], ix)
    _made_with_older_rules(ix)
    first = ingest([corpus], ix)
    assert (first.added, first.reanalysed, first.behind) == (5, 0, 0)
    assert Store.open(ix).analysis_is_current()
    again = ingest([corpus], ix)
    assert (again.reanalysed, again.updated, again.skipped) == (0, 0, 5)


def test_changed_parsing_rules_read_every_indexed_file_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer parser (cleaning, sections, decisions) would make other records from the same
    unchanged files: like changed analysis rules, it reads them all again."""
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    assert ingest([corpus], ix).skipped == 5
    monkeypatch.setattr(store_module, "PARSE_VERSION", store_module.PARSE_VERSION + 1)
    again = ingest([corpus], ix)
    assert (again.reanalysed, again.updated, again.skipped) == (5, 5, 0)
    assert ingest([corpus], ix).skipped == 5


def test_rebuild_starts_over(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    rebuilt = ingest([corpus], ix, rebuild=True)
    assert (rebuilt.added, rebuilt.skipped) == (5, 0)


def test_another_schema_version_asks_for_a_rebuild(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    (ix / META_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION + 99}))
    with pytest.raises(FinsokError, match="--rebuild"):
        Store.open(ix)
    assert ingest([corpus], ix, rebuild=True).added == 5


@pytest.mark.parametrize(
    "meta, says",
    [
        ('{"schema_version": 1', "saknar en läsbar schemaversion i finsok-index.json"),
        ('{"schema_version": "5"}', "saknar en läsbar schemaversion i finsok-index.json"),
        ("[]", "saknar en läsbar schemaversion i finsok-index.json"),
        ('{"schema_version": 1}', "har schemaversion 1,"),  # the neighbour: a real version
    ],
)
def test_an_unreadable_meta_file_is_named_not_version_none(
    corpus: Path, tmp_path: Path, meta: str, says: str
) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    (ix / META_FILE).write_text(meta)
    with pytest.raises(FinsokError, match="--rebuild") as raised:
        Store.open(ix)
    assert says in str(raised.value) and "None" not in str(raised.value)
    assert ingest([corpus], ix, rebuild=True).added == 5


def test_missing_index_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(FinsokError, match="kör `finsok index data/sample`"):
        Store.open(tmp_path / "nothing")


def test_a_second_indexer_is_told_the_index_is_busy(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([corpus], ix)
    writer = Store.open(ix).writer()
    try:
        with pytest.raises(FinsokError, match="upptaget"):
            ingest([corpus], ix)
        result = subprocess.run(
            [FINSOK, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
        )
        assert result.returncode == 1
        assert "index is busy" in result.stderr and "Traceback" not in result.stderr
    finally:
        writer.rollback()
        del writer


def test_one_broken_file_does_not_stop_the_others(corpus: Path, tmp_path: Path) -> None:
    make_truncated_pdf(corpus / "trasig.pdf")
    (corpus / "tom.txt").write_bytes(b"")
    summary = ingest([corpus, tmp_path / "saknas"], tmp_path / "ix")
    assert summary.added == 5
    reasons = dict(summary.failed)
    assert "avkortad eller skadad" in reasons[str((corpus / "trasig.pdf").resolve())]
    assert reasons[str((corpus / "tom.txt").resolve())] == "filen är tom"
    assert (
        reasons[str(tmp_path / "saknas")] == "filen eller mappen finns inte — kontrollera sökvägen"
    )


def test_cli_exit_status_and_summary(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ok = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert ok.returncode == 0
    assert "5 tillagda" in ok.stdout and "\r" not in ok.stderr  # no progress bar off a terminal
    (corpus / "tom.txt").write_bytes(b"")
    bad = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "5 oförändrade" in bad.stdout and "1 misslyckad " in bad.stdout
    assert bad.stderr.strip().endswith("tom.txt: filen är tom")


def test_progress_is_reported(corpus: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    ingest([corpus], tmp_path / "ix", progress=lambda d, t, _: seen.append((d, t)), batch_files=2)
    # Every file, not only every commit: a run shorter than a batch shows progress too.
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_anchors_are_unique() -> None:
    sections = [
        Section("§ 10", 10, "a", ""),
        Section("§ 10", 10, "b", ""),
        Section("§ 10a", 10, "b", ""),
        Section("Mål 8", 8, "c", ""),
        Section("3.", 3, "d", ""),
        Section("", None, "e", ""),
    ]
    assert anchors(sections) == ["p10", "p10-2", "p10a", "m8", "n3", "s6"]


def test_a_documents_head_is_a_record_of_its_own() -> None:
    """The head (title, place, participants) gets terms in its own zone; a document with no
    text before its first section gets no head record."""
    doc = parse_file(SAMPLE_DIR / "000_0cffb97c7c420864.txt")
    records = describe(doc, doc_id="d", path="/x")
    assert [r.rec for r in records] == ["doc", "head"] + ["sec"] * len(doc.sections)
    head = json.loads(records[1].payload)
    assert records[1].ident == "d-huvud" and head["anchor"] == "huvud"
    assert (head["title"], head["text"]) == ("Sammanträdesprotokoll nr 4", doc.header)
    texts = zone_texts(doc)
    assert texts[0] == (("head", f"{doc.title}\n{doc.header}"),)
    assert [zone for zone, _ in texts[1]] == ["title", "decision", "body"]
    assert len(texts) == len(records) - 1  # one per record that gets terms, in their order

    doc.header = " \n"
    assert "head" not in [r.rec for r in describe(doc, doc_id="d", path="/x")]
    assert len(zone_texts(doc)) == len(doc.sections)


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.8, 1.5])
def test_killed_indexer_leaves_an_index_that_opens_and_the_next_run_completes(
    tmp_path: Path, delay: float
) -> None:
    corpus = many_protocols(tmp_path / "many", 150)
    ix = tmp_path / "ix"
    env = {**os.environ, "FINSOK_BATCH_FILES": "10"}
    kill_index_run([str(corpus), "--index", str(ix)], env, delay)
    if (ix / META_FILE).exists():
        assert len(Store.open(ix).documents()) <= 150  # opens at its last commit
    done = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(Store.open(ix).documents()) == 150
    # The learned vocabulary is committed with the documents it counts: after the kill and
    # the completing run it is what one uninterrupted run learns.
    ingest([corpus], tmp_path / "whole", batch_files=10, workers=1)
    assert Store.open(ix).vocabulary() == Store.open(tmp_path / "whole").vocabulary()


def _protocol(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        f"Protokoll styrelsemöte Samordningsförbundet i Blekinge\n2024-03-05\n\n§ 1 Ärende\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_learned_vocabulary_is_kept_with_the_index(tmp_path: Path) -> None:
    """A word seen in two documents becomes a compound part; a later run, given only a new
    file, still splits with it, and the snippet marks the compound."""
    from search.engine import Engine, SearchParams

    ix, first, later = tmp_path / "ix", tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    _protocol(first, "a.txt", "Styrelsen talar om zyxbrok.")
    _protocol(first, "b.txt", "Mer om zyxbrok i dag.")
    compound = _protocol(later, "c.txt", "Zyxbrokgruppen har träffats.")
    ingest([first], ix)
    assert Store.open(ix).vocabulary()["zyxbrok"] == 2
    ingest([later], ix)
    hits = Engine.open(ix).search(SearchParams(q="zyxbrok"))["hits"]
    assert {Path(h["source"]).name for h in hits} == {"a.txt", "b.txt", "c.txt"}
    snippet = next(h["snippet"] for h in hits if h["source"] == "c.txt")
    assert "<mark>Zyxbrokgruppen</mark>" in snippet
    # Without the earlier run's vocabulary the compound is not split and not found.
    ingest([compound], tmp_path / "alone")
    assert 2 not in Store.open(tmp_path / "alone").vocabulary().values()
    assert Engine.open(tmp_path / "alone").search(SearchParams(q="zyxbrok"))["hits"] == []


def test_replaced_and_removed_documents_are_uncounted(tmp_path: Path) -> None:
    """The vocabulary counts the documents in the index: editing a file twice does not count
    its words three times, and pruning a file takes its words back."""
    folder, ix = tmp_path / "docs", tmp_path / "ix"
    folder.mkdir()
    _protocol(folder, "a.txt", "Styrelsen talar om zyxbrok.")
    _protocol(folder, "b.txt", "Här talar ingen om det ordet.")
    ingest([folder], ix)
    for edit in ("igen", "en tredje gång"):
        _protocol(folder, "a.txt", f"Styrelsen talar om zyxbrok {edit}.")
        assert ingest([folder], ix).updated == 1
    counts = Store.open(ix).vocabulary()
    assert (counts["zyxbrok"], counts["talar"], counts["ordet"]) == (1, 2, 1)
    assert "tredje" in counts and "igen" not in counts  # the first edit's word went with it

    (folder / "a.txt").unlink()
    assert ingest([folder], ix, prune=True).removed == 1
    counts = Store.open(ix).vocabulary()
    assert "zyxbrok" not in counts and counts["talar"] == 1
    # A fresh run over what is left counts the same.
    ingest([folder], tmp_path / "fresh")
    assert counts == Store.open(tmp_path / "fresh").vocabulary()


def test_a_running_engine_picks_up_what_a_later_run_learned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine reads the vocabulary at open; after a later indexing run commits, its
    snippets mark a compound through the newly learned part without a restart."""
    import search.engine
    from search.engine import Engine

    ix, first, later = tmp_path / "ix", tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    _protocol(first, "c.txt", "Zyxbrokgruppen har träffats.")
    _protocol(first, "a.txt", "Styrelsen talar om zyxbrok.")
    ingest([first], ix)
    text = "Zyxbrokgruppen har träffats."
    engine = Engine.open(ix)
    assert engine.highlighter("zyxbrok").spans(text) == []

    _protocol(later, "b.txt", "Mer om zyxbrok i dag.")
    ingest([later], ix)
    engine.store.reload()
    assert "zyxbrok" not in engine.lexicon  # looked at most every VOCABULARY_CHECK_SECONDS
    monkeypatch.setattr(search.engine, "VOCABULARY_CHECK_SECONDS", 0.0)
    assert "zyxbrok" in engine.lexicon
    assert "zyxbrok" in engine.indexed_words()  # the interpretation's forms, from the same read
    assert engine.highlighter("zyxbrok").spans(text) == [(0, len("Zyxbrokgruppen"))]


def _ids(ix: Path) -> dict[str, str]:
    """Each indexed file's name → its document's id."""
    return {Path(path).name: r["doc_id"] for path, r in Store.open(ix).documents().items()}


def _section_ids(ix: Path, doc_id: str) -> list[str]:
    return sorted(p["id"] for p in Store.open(ix).records("doc_id", doc_id, rec="sec"))


@pytest.mark.parametrize("prune", [False, True])
def test_a_moved_file_keeps_its_document_id(corpus: Path, tmp_path: Path, prune: bool) -> None:
    """Ids are made of paths, but a file moved to another folder (its old path gone, its
    content the same) keeps its document's id, and so its links; the document takes the new
    path. Nothing is removed, with or without --prune."""
    ix, name = tmp_path / "ix", "001_895b1e0f09eda0ef.txt"
    ingest([corpus], ix)
    before = _ids(ix)
    sections = _section_ids(ix, before[name])
    (corpus / "b").mkdir()
    (corpus / "sub" / name).rename(corpus / "b" / name)
    moved = ingest([corpus], ix, prune=prune)
    assert (moved.added, moved.updated, moved.skipped, moved.removed) == (0, 1, 4, 0)
    docs = Store.open(ix).documents()
    assert len(docs) == 5 and _ids(ix) == before
    assert docs[str((corpus / "b" / name).resolve())]["doc_id"] == before[name]
    assert _section_ids(ix, before[name]) == sections
    assert ingest([corpus], ix, prune=True).skipped == 5


def test_a_copy_is_a_document_of_its_own(corpus: Path, tmp_path: Path) -> None:
    """The neighbour: both files there (a copy), or a gone file and another content, are
    two documents; only --prune removes the gone one."""
    ix, name = tmp_path / "ix", "001_895b1e0f09eda0ef.txt"
    ingest([corpus], ix)
    original = _ids(ix)[name]
    (corpus / "b").mkdir()
    shutil.copy(corpus / "sub" / name, corpus / "b" / name)
    assert ingest([corpus], ix).added == 1
    docs = Store.open(ix).documents()
    assert docs[str((corpus / "sub" / name).resolve())]["doc_id"] == original
    assert docs[str((corpus / "b" / name).resolve())]["doc_id"] != original
    # Gone, and a file of other content added: a new document; the old one waits for --prune.
    other = corpus / "sub" / "004_9d89b2c500131227.txt"
    other.rename(corpus / "b" / "ändrad.txt")
    (corpus / "b" / "ändrad.txt").write_text(other.name + " ändrad", encoding="utf-8")
    assert ingest([corpus], ix).added == 1 and len(Store.open(ix).documents()) == 7
    assert ingest([corpus], ix, prune=True).removed == 1


def test_a_new_file_where_a_moved_one_was_gets_an_id_of_its_own(
    corpus: Path, tmp_path: Path
) -> None:
    """After a move the old path's id is the moved document's: a new file at the old path
    gets another, and editing either file replaces only its own document. Of two copies
    of a moved file, the first in name order takes its id."""
    ix, name = tmp_path / "ix", "001_895b1e0f09eda0ef.txt"
    ingest([corpus], ix)
    original = _ids(ix)[name]
    old, new = corpus / "sub" / name, corpus / "b" / name
    new.parent.mkdir()
    text = old.read_text(encoding="utf-8")
    old.rename(new)
    shutil.copy(new, corpus / "b" / f"z{name}")  # a second copy, after it in name order
    assert ingest([corpus], ix).updated == 1
    assert _ids(ix)[name] == original and _ids(ix)[f"z{name}"] != original
    old.write_text(text + "\n§ 12 Ny fil på den gamla platsen\nNytt.", encoding="utf-8")
    assert ingest([corpus], ix).added == 1
    docs = Store.open(ix).documents()
    ids = [record["doc_id"] for record in docs.values()]
    assert len(docs) == 7 and len(set(ids)) == 7
    assert docs[str(new.resolve())]["doc_id"] == original
    new.write_text(text + "\n§ 12 Ändrad\nÄndrad.", encoding="utf-8")
    assert ingest([corpus], ix).updated == 1
    docs = Store.open(ix).documents()
    assert len(docs) == 7 and docs[str(new.resolve())]["doc_id"] == original
    for path in (old, new):
        record = docs[str(path.resolve())]
        assert len(_section_ids(ix, record["doc_id"])) == record["sections"] == 12


# The rule `vocabulary_words` follows, as a look-behind: its own pattern matches the character
# before the word instead, which is cheaper to scan for, and must find the same words.
_VOCABULARY_RULE = re.compile(r"(?<![\w-])[a-zåäöéü]{4,}(?![\w-])")


def _by_the_rule(texts: list[str]) -> list[str]:
    return list(set(_VOCABULARY_RULE.findall("\n".join(texts))))


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["samverkan"],
        ["abc abcd"],
        ["Samverkan samverkan SAMVERKAN"],
        ["ESF-projekten projekten- -projekten"],
        ["(samverkan), [budget]; ”förbundet” –rehabilitering– ‐insats‐ §arbete"],
        ["x_samverkan samverkan_ 2024samverkan samverkan2024 ÅRsamverkan"],
        ["naïve caféet straße smörgåsbord über"],
        ["slut", "början", "", "mitten\nsista"],
        ["samverkan\u00a0budget\u2003insats\x1csista"],
        ["１２３４budget ｂｕｄｇｅｔ abcd,efgh abcd.efgh abcd:efgh"],
    ],
)
def test_vocabulary_words_follow_the_rule(texts: list[str]) -> None:
    assert list(vocabulary_words(texts)) == _by_the_rule(texts)
    assert list(vocabulary_words(iter(texts))) == _by_the_rule(texts)


# Also letters of other scripts, a soft hyphen, a combining accent, other digits and a
# character outside the BMP, before, inside and after words.
@settings(deadline=None, max_examples=300)
@given(
    st.lists(
        st.text(alphabet="abcdeåäöéüxABÅÉ1_-‐–() .,\n\u00a0ßïаб\u00ad\u0301١😀", max_size=40),
        max_size=4,
    )
)
def test_vocabulary_words_follow_the_rule_in_any_text(texts: list[str]) -> None:
    """The same words, in the same order (the vocabulary string is built from the set)."""
    assert list(vocabulary_words(texts)) == _by_the_rule(texts)
