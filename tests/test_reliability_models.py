"""Reliability of models (issue 14 items 2, 6, 11 (models folder, concurrent train) and 12).

A manifest is data someone else may have written: it must not make the tool open any file but
the model's own, nor carry values the scorer cannot use. Representative cases run the installed
command in a child process; the many manifest values run through the same Typer app in process.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import installed_command

from relevance.cli import app

Run = Callable[..., subprocess.CompletedProcess[str]]
CORPUS = [
    "Fintech founders talk about payments, lending and open banking.",
    "Gardening club: roses, tomatoes and compost.",
    "Machine learning engineers share MLOps pipelines.",
]


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """A model named ``m`` in ``tmp_path/models``, trained in this process (it is fast)."""
    from relevance.model import train
    from relevance.store import write_model

    return write_model(train(CORPUS, "m"), tmp_path / "models" / "m", None)


def manifest(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    return data


def rewrite(path: Path, **changes: Any) -> None:
    data = manifest(path)
    data.update(changes)
    (path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def show(runner: Any, path: Path) -> Any:
    return runner.invoke(app, ["models", "--models-dir", str(path.parent), "show", path.name])


# -- item 2: the manifest points elsewhere ------------------------------------------------------


@pytest.mark.parametrize("target", ["/dev/zero", "../m1/vocabulary.tsv", "/etc/passwd"])
def test_model_file_outside_the_folder_is_refused(
    model: Path, relevance_cmd: Run, target: str
) -> None:
    if target == "/etc/passwd":  # a matching hash must not make it readable either
        rewrite(model, model_sha256=hashlib.sha256(Path(target).read_bytes()).hexdigest())
    rewrite(model, model_file=target)
    done = relevance_cmd("models", "show", "m", timeout=60)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {model / 'manifest.json'}: not a valid manifest ('model_file' must be a file "
        f'name inside the model folder, got "{target}")\n'
        "Hint: retrain the model with 'relevance train'\n"
    )


def test_links_and_devices_in_the_folder_are_refused(model: Path, relevance_cmd: Run) -> None:
    vocabulary = model / "vocabulary.tsv"
    vocabulary.unlink()
    vocabulary.symlink_to("/dev/zero")
    done = relevance_cmd("score", "-", "--goal", "x", "--model", "m", stdin="", timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: {vocabulary}: refused: the model file is a symbolic link\n"
    vocabulary.unlink()
    os.mkfifo(vocabulary)  # opening it must not wait for a writer
    done = relevance_cmd("models", "show", "m", timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: {vocabulary}: refused: the model file is not a regular file\n"


def test_manifest_link_to_a_device_is_refused(model: Path, runner: Any) -> None:
    (model / "manifest.json").unlink()
    (model / "manifest.json").symlink_to("/dev/zero")
    result = show(runner, model)
    assert result.exit_code == 1
    assert result.stderr.endswith("manifest.json: refused: the manifest is a symbolic link\n")


def test_hash_checked_before_parsing(model: Path, runner: Any) -> None:
    (model / "vocabulary.tsv").write_bytes(b"\xff\xfe not text\n")
    result = show(runner, model)
    assert result.exit_code == 1
    assert "refused: its SHA-256" in result.stderr and "modified or truncated" in result.stderr


# -- item 12: values the scorer cannot use ------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("documents", 1e400, "'documents' must be a whole number of at least 1, got Infinity"),
        ("documents", 0, "'documents' must be a whole number of at least 1, got 0"),
        ("documents", -5, "'documents' must be a whole number of at least 1, got -5"),
        ("documents", 2.5, "'documents' must be a whole number of at least 1, got 2.5"),
        ("documents", True, "'documents' must be a whole number of at least 1, got true"),
        ("average_length", "7", "'average_length' must be a positive number, got \"7\""),
        ("text_params", [], "'text_params' must be an object, got []"),
        ("text_params", {"ngram_max": 3}, "whose 'ngram_max' is 1 or 2"),
        ("text_params", {"ngram_max": 0}, "whose 'ngram_max' is 1 or 2"),
        ("text_params", {"stem": "false"}, "whose 'stem' is true or false"),
        ("text_params", {"extra_stop_words": [1, 2]}, "'extra_stop_words' is a list of words"),
        ("model_sha256", "abc", "'model_sha256' must be 64 hexadecimal digits"),
    ],
)
def test_manifest_values_checked(
    model: Path, runner: Any, key: str, value: Any, expected: str
) -> None:
    rewrite(model, **{key: value})
    result = show(runner, model)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {model / 'manifest.json'}: not a valid manifest (")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"alpha\t\xc2\xb2\n", "line 1: not 'term<TAB>count'"),  # a superscript two
        (b"alpha\t" + b"9" * 5000 + b"\n", "line 1: not 'term<TAB>count'"),
        (b"alpha\t1\nbeta\t7\n", "line 2: a document count of 7 for 3 documents"),
        (b"alpha\t1\n\xff\xfe\t1\n", "line 2: not valid UTF-8 text"),
    ],
)
def test_vocabulary_values_checked(
    model: Path, relevance_cmd: Run, runner: Any, content: bytes, expected: str
) -> None:
    (model / "vocabulary.tsv").write_bytes(content)
    rewrite(model, model_sha256=hashlib.sha256(content).hexdigest())
    result = show(runner, model)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {model / 'vocabulary.tsv'} {expected}\n"


def test_bad_manifest_through_the_command(model: Path, relevance_cmd: Run) -> None:
    rewrite(model, documents=1e400)
    done = relevance_cmd("score", "-", "--goal", "x", "--model", "m", stdin="")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"Error: {model / 'manifest.json'}: not a valid manifest ('documents' must be"
    )


# -- item 6: models remove "" -------------------------------------------------------------------


def test_remove_empty_name_is_refused(model: Path, relevance_cmd: Run) -> None:
    (model.parent / "manifest.json").write_text(json.dumps(manifest(model)), encoding="utf-8")
    done = relevance_cmd("models", "remove", "")
    assert done.returncode == 2
    assert done.stderr == "Error: '' is not a model name\n"
    assert (model / "manifest.json").is_file() and (model.parent / "manifest.json").is_file()


# -- item 11: the models folder -----------------------------------------------------------------


def test_remove_a_symlink_is_refused(model: Path, relevance_cmd: Run) -> None:
    (model.parent / "alias").symlink_to(model)
    done = relevance_cmd("models", "remove", "alias")
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {model.parent / 'alias'}: is a symbolic link (to {model}), not a model folder; "
        "not removed\n"
        f"Hint: remove the link itself with: rm {model.parent / 'alias'}\n"
    )
    assert (model / "manifest.json").is_file()


def test_models_path_that_is_a_file(tmp_path: Path, runner: Any) -> None:
    (tmp_path / "a.txt").write_text("Fintech founders and payments.", encoding="utf-8")
    (tmp_path / "models").write_text("not a folder", encoding="utf-8")
    done = runner.invoke(
        app, ["train", str(tmp_path / "a.txt"), "--name", "m", "-q",
              "--models-dir", str(tmp_path / "models")],
    )  # fmt: skip
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {tmp_path / 'models'}: cannot write the model (File exists)\n"
        f"Hint: check that {tmp_path / 'models'} is a folder you can write, or pass --models-dir\n"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a read-only tmpfs")
def test_read_only_models_folder(tmp_path: Path, runner: Any) -> None:
    (tmp_path / "a.txt").write_text("Fintech founders and payments.", encoding="utf-8")
    folder = tmp_path / "models"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(folder)], check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        done = runner.invoke(
            app, ["train", str(tmp_path / "a.txt"), "--name", "m", "--models-dir", str(folder)]
        )
    finally:
        subprocess.run(["umount", str(folder)], check=False)
    assert done.exit_code == 1
    assert done.stderr.startswith(f"Error: {folder}")
    assert "Read-only file system" in done.stderr and "Traceback" not in done.stderr


def test_two_trainings_of_one_name_at_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(CORPUS):
        (corpus / f"{number:03}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "RELEVANCE_MODELS": str(tmp_path / "models")}
    command = [*installed_command(), "train", "corpus", "--name", "same", "-q"]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = sorted((run.wait(timeout=120), run.communicate()[1]) for run in runs)
    assert outcomes[0][0] == 0
    assert outcomes[0][1].startswith(f"Warning: 'same' was trained on {len(CORPUS)} documents")
    assert outcomes[1][0] == 1
    assert outcomes[1][1].startswith("Error: a model named 'same' exists already (")
    assert sorted(os.listdir(tmp_path / "models")) == ["same"]  # no staging folder left
    from relevance.store import ModelStore

    assert ModelStore(tmp_path / "models").load("same").n_docs == len(CORPUS)


def test_staging_folder_of_a_killed_training_is_swept(tmp_path: Path) -> None:
    from relevance.model import train
    from relevance.store import write_model

    folder = tmp_path / "models"
    stale = folder / ".m.k1ll3d.relevance.tmp"
    stale.mkdir(parents=True)
    (stale / "vocabulary.tsv").write_text("half\t1\n", encoding="utf-8")
    write_model(train(CORPUS, "m"), folder / "m", None)
    assert sorted(os.listdir(folder)) == ["m"]
