"""Tests of relevance.model and relevance.store: train, write, load, integrity, shipped model."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.errors import ModelError
from relevance.model import (
    FORMAT_VERSION,
    MANIFEST_FILE,
    VOCABULARY_FILE,
    Model,
    TextParams,
    load,
    train,
    vocabulary_bytes,
)
from relevance.store import ModelStore, write_model

TEXTS = [
    "Open banking APIs for fintech start-ups",
    "Payments compliance: PSD2, KYC and AML",
    "Sourdough bread baking at home",
    "the and of",  # no usable word: not a document
    "",
    "Open banking in Europe",
]


@pytest.fixture
def written(tmp_path: Path) -> Path:
    model = train(TEXTS, "small")
    return write_model(model, tmp_path / "small", "c0ffee", {"min_df": 1})


def manifest_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
    return data


# -- training ---------------------------------------------------------------------------------


def test_train_counts_document_frequencies() -> None:
    model = train(TEXTS, "small")
    assert model.n_docs == 4
    assert model.df["open"] == 2
    assert model.df["bank"] == 2
    assert model.df["open bank"] == 2
    assert model.df["sourdough"] == 1
    assert "the" not in model.df
    total = sum(len(TextParams().analyzer().unigrams(t)) for t in TEXTS)
    assert model.avg_len == pytest.approx(total / 4)


def test_train_unigrams_only() -> None:
    model = train(TEXTS, "small", TextParams(ngram_max=1))
    assert all(" " not in term for term in model.df)


def test_train_min_and_max_df() -> None:
    assert set(train(TEXTS, "m", min_df=2).df) == {"open", "bank", "open bank"}
    # "open" is in 2 of 4 documents: more than 0.4 of them.
    assert "open" not in train(TEXTS, "m", max_df=0.4).df
    with pytest.raises(ModelError, match="empty vocabulary after min_df=9"):
        train(TEXTS, "m", min_df=9)


@pytest.mark.parametrize("kwargs", [{"min_df": 0}, {"max_df": 0.0}, {"max_df": 1.5}])
def test_train_parameters_checked(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        train(TEXTS, "m", **kwargs)


@pytest.mark.parametrize("texts", [[], ["", "the of and", "<p></p>"]])
def test_train_nothing_usable(texts: list[str]) -> None:
    with pytest.raises(ModelError, match="empty vocabulary"):
        train(texts, "m")


def test_vocabulary_bytes_sorted_tsv() -> None:
    model = Model("m", TextParams(), {"b": 2, "a b": 1, "a": 3}, 3, 1.0)
    assert vocabulary_bytes(model) == b"a\t3\na b\t1\nb\t2\n"


# -- write and load ---------------------------------------------------------------------------


def test_roundtrip(written: Path) -> None:
    original = train(TEXTS, "small")
    loaded = load(written)
    assert loaded.df == original.df
    assert loaded.n_docs == original.n_docs
    assert loaded.avg_len == pytest.approx(original.avg_len)
    assert loaded.params == original.params
    assert loaded.name == "small"
    assert loaded.path == written


def test_roundtrip_keeps_text_params(tmp_path: Path) -> None:
    params = TextParams(stem=False, ngram_max=1, extra_stop_words=("fintech",))
    path = write_model(train(TEXTS, "p", params), tmp_path / "p", None)
    loaded = load(path)
    assert loaded.params == params
    assert "fintech" not in loaded.df and "banking" in loaded.df


def test_manifest_contents(written: Path) -> None:
    manifest = manifest_of(written)
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["name"] == "small"
    assert manifest["documents"] == 4
    assert manifest["vocabulary_size"] == len(train(TEXTS, "x").df)
    assert manifest["corpus_sha256"] == "c0ffee"
    assert manifest["model_file"] == VOCABULARY_FILE
    assert manifest["min_df"] == 1
    assert set(manifest["versions"]) >= {"relevance", "python", "nltk"}
    assert manifest["text_params"] == {"stem": True, "ngram_max": 2, "extra_stop_words": []}
    assert manifest["created"].endswith("+00:00")
    assert sorted(p.name for p in written.iterdir()) == [MANIFEST_FILE, VOCABULARY_FILE]


def test_training_is_deterministic(tmp_path: Path) -> None:
    one = write_model(train(TEXTS, "d"), tmp_path / "one", "x")
    two = write_model(train(list(reversed(TEXTS)), "d"), tmp_path / "two", "x")
    assert (one / VOCABULARY_FILE).read_bytes() == (two / VOCABULARY_FILE).read_bytes()
    assert manifest_of(one)["model_sha256"] == manifest_of(two)["model_sha256"]


def test_write_refuses_existing_unless_overwrite(written: Path) -> None:
    other = train(["something else entirely"], "small")
    with pytest.raises(ModelError, match="a model named 'small' exists already"):
        write_model(other, written, None)
    write_model(other, written, None, overwrite=True)
    assert set(load(written).df) == set(other.df)
    assert [p.name for p in written.parent.iterdir()] == ["small"]


def test_written_model_folder_has_normal_permissions(tmp_path: Path) -> None:
    # Regression: mkdtemp made model folders private (0700).
    umask = os.umask(0o022)
    try:
        path = write_model(train(TEXTS, "m"), tmp_path / "m", None)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


# -- integrity --------------------------------------------------------------------------------


def test_tampered_vocabulary_refused(written: Path) -> None:
    vocabulary = written / VOCABULARY_FILE
    data = bytearray(vocabulary.read_bytes())
    data[len(data) // 2] ^= 0x01
    vocabulary.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="modified") as caught:
        load(written)
    assert str(vocabulary) in caught.value.message
    assert "SHA-256" in caught.value.message


def test_tampered_count_refused(written: Path) -> None:
    vocabulary = written / VOCABULARY_FILE
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace("\t2\n", "\t9\n", 1), encoding="utf-8"
    )
    with pytest.raises(ModelError, match="modified or truncated"):
        load(written)


def test_truncated_vocabulary_refused(written: Path) -> None:
    vocabulary = written / VOCABULARY_FILE
    vocabulary.write_bytes(vocabulary.read_bytes()[:-7])
    with pytest.raises(ModelError, match="truncated"):
        load(written)


def test_empty_vocabulary_file_refused(written: Path) -> None:
    (written / VOCABULARY_FILE).write_bytes(b"")
    with pytest.raises(ModelError, match="modified or truncated"):
        load(written)


def test_missing_vocabulary_refused(written: Path) -> None:
    (written / VOCABULARY_FILE).unlink()
    with pytest.raises(ModelError, match="cannot read the model file"):
        load(written)


def test_missing_manifest_refused(written: Path) -> None:
    (written / MANIFEST_FILE).unlink()
    with pytest.raises(ModelError, match=r"not a model \(no manifest.json\)") as caught:
        load(written)
    assert caught.value.hint == "list models with 'relevance models'"


@pytest.mark.parametrize("text", ["{", "[]", '{"name": "x"}', "\x00\x01"])
def test_invalid_manifest_refused(written: Path, text: str) -> None:
    (written / MANIFEST_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match="not a valid manifest"):
        load(written)


@pytest.mark.parametrize("version", [FORMAT_VERSION + 1, 0, None, "1"])
def test_format_version_mismatch_says_retrain(written: Path, version: Any) -> None:
    manifest = manifest_of(written)
    manifest["format_version"] = version
    (written / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match=f"model format {version} is not format") as caught:
        load(written)
    assert caught.value.hint is not None and "retrain" in caught.value.hint


@pytest.mark.parametrize(
    ("key", "value"), [("documents", None), ("average_length", None), ("documents", "many")]
)
def test_manifest_missing_counts_refused(written: Path, key: str, value: Any) -> None:
    # Regression: a manifest without these used to raise KeyError (a traceback).
    manifest = manifest_of(written)
    if value is None:
        del manifest[key]
    else:
        manifest[key] = value
    (written / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match="not a valid manifest"):
        load(written)


def test_bad_vocabulary_line_refused(written: Path) -> None:
    import hashlib

    data = b"alpha\t1\nbeta two\n"
    (written / VOCABULARY_FILE).write_bytes(data)
    manifest = manifest_of(written)
    manifest["model_sha256"] = hashlib.sha256(data).hexdigest()
    (written / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match=r"line 2: not 'term<TAB>count'"):
        load(written)


def test_cli_reports_tampered_model(written: Path, runner: Any, examples_dir: Path) -> None:
    vocabulary = written / VOCABULARY_FILE
    vocabulary.write_bytes(vocabulary.read_bytes() + b"x\t1\n")
    result = runner.invoke(
        app,
        [
            "score", str(examples_dir / "groups.json"), "--goal", "xylophone",
            "--model", "small", "--models-dir", str(written.parent), "--jobs", "1",
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {vocabulary}: refused: its SHA-256 ")
    assert "modified or truncated" in result.stderr
    assert "Hint: retrain the model, or restore the file" in result.stderr
    assert "Traceback" not in result.stderr


# -- the store --------------------------------------------------------------------------------


def test_store_loads_by_name_and_by_path(written: Path) -> None:
    store = ModelStore(written.parent)
    assert store.load("small").df == load(written).df
    assert ModelStore().load(str(written)).name == "small"


def test_store_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model named 'nope'") as caught:
        ModelStore(tmp_path).load("nope")
    assert caught.value.hint is not None and "relevance train" in caught.value.hint


def test_store_default_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELEVANCE_MODELS", str(tmp_path / "env"))
    store = ModelStore()
    assert store.directory == tmp_path / "env"
    assert ModelStore(tmp_path / "explicit").directory == tmp_path / "explicit"
    default = store.load()
    assert default.name == "default" and default.n_docs > 0
    assert store.load("default").df == default.df


# -- the shipped default model ----------------------------------------------------------------


def test_shipped_default_model_is_what_train_builds(
    runner: Any, repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``relevance train corpora/default --name default --output-dir models`` rebuilds it."""
    monkeypatch.chdir(repo_root)
    result = runner.invoke(
        app,
        ["train", "corpora/default", "--name", "default", "--output-dir", str(tmp_path), "-q"],
    )
    assert result.exit_code == 0, result.stderr
    built, shipped = tmp_path / "default", repo_root / "models" / "default"
    assert (built / VOCABULARY_FILE).read_bytes() == (shipped / VOCABULARY_FILE).read_bytes()
    new, old = manifest_of(built), manifest_of(shipped)
    for key in (
        "documents",
        "vocabulary_size",
        "corpus_sha256",
        "model_sha256",
        "average_length",
        "text_params",
        "format_version",
        "min_df",
        "max_df",
    ):
        assert new[key] == old[key], key
    assert load(shipped).manifest["model_sha256"] == old["model_sha256"]


def _counted_one_by_one(texts: list[str], params: TextParams) -> tuple[dict[str, int], int, int]:
    """Document frequencies the plain way: each document's set of terms, strings counted."""
    from collections import Counter
    from itertools import pairwise

    analyzer = params.analyzer()
    df: Counter[str] = Counter()
    n_docs = total = 0
    for text in texts:
        words = analyzer.unigrams(text)
        if words:
            n_docs, total = n_docs + 1, total + len(words)
            terms = set(words)
            if params.ngram_max == 2:
                terms.update(f"{a} {b}" for a, b in pairwise(words))
            df.update(terms)
    return dict(df), n_docs, total


@pytest.mark.parametrize("ngram_max", [1, 2])
@pytest.mark.parametrize("batch_chars", [1, 40, 4_000_000])
def test_counts_are_those_of_each_document_counted_alone(
    monkeypatch: pytest.MonkeyPatch, ngram_max: int, batch_chars: int
) -> None:
    # Batches of one document, of a few, of all: the merged counts are the same.
    import relevance.model as model_module

    monkeypatch.setattr(model_module, "TRAIN_BATCH_CHARS", batch_chars)
    texts = [*TEXTS, "banking banking open open banking", "Open-source payments, open source", ""]
    params = TextParams(ngram_max=ngram_max)
    df, n_docs, total = _counted_one_by_one(texts, params)
    model = train(texts, "m", params)
    assert model.df == df
    assert (model.n_docs, model.avg_len) == (n_docs, total / n_docs)
