"""Tests of relevance.corpus, relevance.training and relevance.catalog: corpora, train, remove."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from relevance.catalog import list_models, remove_model
from relevance.cli import app
from relevance.corpus import Corpus, group_text
from relevance.errors import InputError, ModelError, UsageError
from relevance.model import MANIFEST_FILE, load
from relevance.schema import Group
from relevance.training import TrainRequest, check_name, run_training


def docs(*paths: Path | str) -> list[str]:
    return list(Corpus([str(p) for p in paths]).documents())


def request(tmp_path: Path, corpus: list[Path], name: str = "mine", **kwargs: Any) -> TrainRequest:
    return TrainRequest(
        corpus=[str(p) for p in corpus], name=name, models_dir=str(tmp_path / "models"), **kwargs
    )


# -- reading corpora --------------------------------------------------------------------------


def test_txt_and_md_are_one_document_each(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ships and cargo.\n\nSalvage claims.", encoding="utf-8")
    (tmp_path / "b.md").write_text("\ufeff# Admiralty\n\nCourts", encoding="utf-8")
    assert docs(tmp_path / "a.txt", tmp_path / "b.md") == [
        "Ships and cargo.\n\nSalvage claims.",
        "# Admiralty\n\nCourts",
    ]


def test_jsonl_text_documents(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "one"}\n\n{"text": "two", "id": 3}\n', encoding="utf-8")
    assert docs(path) == ["one", "two"]


def test_jsonl_group_documents(tmp_path: Path) -> None:
    group = {
        "title": "Maritime Lawyers",
        "description": "Shipping law",
        "discussions": [{"title": "Salvage", "body": "claims"}, "charter parties"],
    }
    path = tmp_path / "groups.jsonl"
    path.write_text(json.dumps(group) + "\n", encoding="utf-8")
    assert docs(path) == ["Maritime Lawyers\nShipping law\nSalvage \nclaims\ncharter parties"]
    assert docs(path) == [group_text(Group.from_dict(group))]


def test_jsonl_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "one"}\n{"words": "two"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: expected an object with a 'text' field") as e:
        docs(path)
    assert e.value.source == str(path)
    path.write_text('{"text": "one"}\n{bad\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        docs(path)
    path.write_text('{"title": "ok"}\n{"title": "x", "member_count": -1}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 'member_count' must be a whole number"):
        docs(path)


def test_json_and_csv_group_files(tmp_path: Path) -> None:
    (tmp_path / "g.json").write_text(
        json.dumps({"groups": [{"title": "A", "description": "alpha"}, {"title": "B"}]}),
        encoding="utf-8",
    )
    (tmp_path / "g.csv").write_text("id,title,description\n1,C,gamma\n", encoding="utf-8")
    assert docs(tmp_path / "g.json", tmp_path / "g.csv") == ["A\nalpha", "B", "C\ngamma"]


def test_folder_walked_in_order_skipping_unknown_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "b.txt").write_text("bravo", encoding="utf-8")
    (corpus / "a.txt").write_text("alpha", encoding="utf-8")
    (corpus / "sub" / "c.md").write_text("charlie", encoding="utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG")
    (corpus / "notes.docx").write_bytes(b"PK")
    (corpus / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (corpus / "README.md").write_text("about this corpus", encoding="utf-8")
    found = Corpus([str(corpus)])
    assert [p.name for p in found.files] == ["a.txt", "b.txt", "c.md"]
    assert sorted(p.name for p in found.skipped) == ["image.png", "notes.docx"]
    assert list(found.documents()) == ["alpha", "bravo", "charlie"]


def test_unknown_explicit_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    with pytest.raises(UsageError, match="cannot tell what this file holds from its name") as e:
        Corpus([str(path)])
    assert e.value.exit_code == 2


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        Corpus([str(tmp_path / "nope")])
    with pytest.raises(UsageError, match="at least one corpus"):
        Corpus([])


def test_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="the corpus is empty"):
        Corpus([str(tmp_path)])


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        docs(path)


def test_corpus_sha256(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("alpha", encoding="utf-8")
    first = Corpus([str(tmp_path)]).sha256()
    assert first == Corpus([str(tmp_path)]).sha256()
    (tmp_path / "a.txt").write_text("alphb", encoding="utf-8")
    assert Corpus([str(tmp_path)]).sha256() != first


# -- run_training -----------------------------------------------------------------------------


def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Ships, cargo and salvage claims.", encoding="utf-8")
    (folder / "b.jsonl").write_text(
        '{"text": "Admiralty courts hear maritime cases."}\n{"text": "Charter parties"}\n',
        encoding="utf-8",
    )
    return folder


def test_train_writes_a_loadable_model(tmp_path: Path) -> None:
    (tmp_path / "goals.txt").write_text("find maritime lawyers\n# comment\n", encoding="utf-8")
    result = run_training(
        request(tmp_path, [corpus_folder(tmp_path)], goals_file=str(tmp_path / "goals.txt"))
    )
    assert result.name == "mine"
    assert result.path == tmp_path / "models" / "mine"
    assert result.documents == 4
    model = load(result.path)
    assert model.vocabulary_size == result.vocabulary_size
    assert "lawyer" in model.df and "salvag" in model.df
    assert model.manifest["goals"] == 1 and model.manifest["corpus_files"] == 2
    corpus = Corpus([str(tmp_path / "corpus")])
    # The goals shape the model, so they are in its corpus hash.
    assert model.manifest["corpus_sha256"] == corpus.sha256(["find maritime lawyers", ""])
    assert model.manifest["corpus_sha256"] != corpus.sha256()


def test_train_options_reach_the_model(tmp_path: Path) -> None:
    (tmp_path / "stop.txt").write_text("# mine\ncargo\n\nSalvage\n", encoding="utf-8")
    result = run_training(
        request(
            tmp_path,
            [corpus_folder(tmp_path)],
            stem=False,
            ngram_max=1,
            stop_words_file=str(tmp_path / "stop.txt"),
        )
    )
    model = load(result.path)
    assert model.params.stem is False and model.params.ngram_max == 1
    assert model.params.extra_stop_words == ("Salvage", "cargo")
    assert "cargo" not in model.df and "salvage" not in model.df
    assert "ships" in model.df


def test_train_twice_is_byte_identical(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    one = run_training(request(tmp_path, [folder], name="one"))
    two = run_training(request(tmp_path, [folder], name="two"))
    assert (one.path / "vocabulary.tsv").read_bytes() == (two.path / "vocabulary.tsv").read_bytes()
    m1, m2 = load(one.path).manifest, load(two.path).manifest
    assert m1["model_sha256"] == m2["model_sha256"]
    assert m1["corpus_sha256"] == m2["corpus_sha256"]


def test_only_stop_words(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("the and of is a", encoding="utf-8")
    with pytest.raises(ModelError, match="empty vocabulary"):
        run_training(request(tmp_path, [tmp_path / "a.txt"]))
    assert not (tmp_path / "models").exists() or list((tmp_path / "models").iterdir()) == []


@pytest.mark.parametrize("name", ["a/b", "../evil", "/abs", "", ".", "..", "x" * 65, "-dash"])
def test_bad_model_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="is not allowed"):
        run_training(request(tmp_path, [corpus_folder(tmp_path)], name=name))
    assert not (tmp_path / "models").exists()


@pytest.mark.parametrize("name", ["maritime-law", "v1.2", "A_b"])
def test_good_model_names(name: str) -> None:
    assert check_name(name) == name


def test_default_name_is_read_only(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="the shipped 'default' model is read-only"):
        run_training(request(tmp_path, [corpus_folder(tmp_path)], name="default"))


def test_bad_max_df(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--max-df must be in"):
        run_training(request(tmp_path, [corpus_folder(tmp_path)], max_df=0.0))


def test_nothing_half_written_on_failure(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    (folder / "z.jsonl").write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"z\.jsonl line 2: not valid JSON"):
        run_training(request(tmp_path, [folder]))
    models = tmp_path / "models"
    assert not models.exists() or list(models.iterdir()) == []


def test_failed_retrain_keeps_the_old_model(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    first = run_training(request(tmp_path, [folder]))
    before = (first.path / "vocabulary.tsv").read_bytes()
    (folder / "z.jsonl").write_text("{broken\n", encoding="utf-8")
    with pytest.raises(InputError):
        run_training(request(tmp_path, [folder], force=True))
    assert (first.path / "vocabulary.tsv").read_bytes() == before
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["mine"]


def test_force_replaces(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    run_training(request(tmp_path, [folder]))
    with pytest.raises(ModelError, match="exists already"):
        run_training(request(tmp_path, [folder]))
    (folder / "c.txt").write_text("lighthouse keepers", encoding="utf-8")
    result = run_training(request(tmp_path, [folder], force=True))
    assert "lighthous" in load(result.path).df
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["mine"]


def test_from_model_takes_its_text_params(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    run_training(request(tmp_path, [folder], name="base", stem=False, ngram_max=1))
    (tmp_path / "stop.txt").write_text("ships\n", encoding="utf-8")
    result = run_training(
        request(
            tmp_path, [folder], name="derived", from_model="base", stem=False, ngram_max=1,
            stop_words_file=str(tmp_path / "stop.txt"),
        )
    )  # fmt: skip
    assert load(result.path).params.extra_stop_words == ("ships",)


# -- the command ------------------------------------------------------------------------------


def test_cli_train_errors(runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "a.txt").write_text("the of", encoding="utf-8")
    cases = [
        (["notes.docx"], 2, "Error: notes.docx: cannot tell what this file holds from its name\n"
                            "Hint: use .txt, .md, .jsonl, .json or .csv\n"),
        (["nope"], 2, "Error: nope: no such file or folder\n"),
        (["a.txt"], 1, "Error: empty vocabulary; perhaps the corpus is empty or only contains "
                       "stop words\n"),
    ]  # fmt: skip
    for corpus, code, message in cases:
        result = runner.invoke(app, ["train", *corpus, "--name", "m", "--models-dir", "models"])
        assert result.exit_code == code, result.stderr
        assert result.stderr.startswith(message)
        assert "Traceback" not in result.stderr
    result = runner.invoke(app, ["train", "a.txt", "--name", "a/b", "--models-dir", "models"])
    assert result.exit_code == 2  # bad usage, as every invalid option value
    assert result.stderr.startswith("Error: model name 'a/b' is not allowed")
    assert not (tmp_path / "models").exists()


# -- listing and removing ---------------------------------------------------------------------


def test_list_and_remove(tmp_path: Path) -> None:
    run_training(request(tmp_path, [corpus_folder(tmp_path)]))
    models = str(tmp_path / "models")
    rows = list_models(models)
    assert [(r["name"], r["origin"]) for r in rows] == [("default", "shipped"), ("mine", "user")]
    assert rows[1]["documents"] == 3
    path = remove_model("mine", models)
    assert path == tmp_path / "models" / "mine"
    assert not path.exists()
    assert [r["name"] for r in list_models(models)] == ["default"]


def test_list_skips_folders_without_manifest(tmp_path: Path) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / ".mine.tmp-123").mkdir()
    (tmp_path / ".mine.tmp-123" / MANIFEST_FILE).write_text("{}", encoding="utf-8")
    assert [r["name"] for r in list_models(str(tmp_path))] == ["default"]


def test_remove_unknown(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model named 'nope'"):
        remove_model("nope", str(tmp_path))


@pytest.mark.parametrize("name", ["../x", "a/b", "..", "."])
def test_remove_refuses_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="is not a model name"):
        remove_model(name, str(tmp_path))


def test_default_cannot_be_removed(tmp_path: Path, repo_root: Path) -> None:
    with pytest.raises(UsageError, match="the shipped 'default' model cannot be removed"):
        remove_model("default", str(tmp_path))
    assert (repo_root / "models" / "default" / MANIFEST_FILE).is_file()
