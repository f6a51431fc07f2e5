"""The models folder: where models live, loading one by name or path, writing one atomically.

(The ``relevance models`` command's listing, display and removal are in :mod:`relevance.catalog`;
a model's own format is :mod:`relevance.model`.)

Lookup order for a name: the shipped ``default`` (read-only, inside the package), then the models
folder: ``--models-dir``, else the ``RELEVANCE_MODELS`` environment variable, else the user's data
folder (``platformdirs.user_data_dir("relevance") / "models"``).
"""

from __future__ import annotations

import os
from pathlib import Path

from relevance.errors import ModelError
from relevance.model import MANIFEST_FILE, Model, load
from relevance.resources import shipped_models_dir

DEFAULT_MODEL = "default"


def models_dir(explicit: str | Path | None = None) -> Path:
    """The folder user models are written to and read from."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("RELEVANCE_MODELS")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("relevance", appauthor=False)) / "models"


class ModelStore:
    """The shipped models and the models folder.

    Parameters
    ----------
    directory : str, Path or None, default=None
        The models folder; None means ``RELEVANCE_MODELS`` or the user data folder.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = models_dir(directory)

    def path_of(self, name: str | Path | None) -> Path:
        """The folder of a model given by name or path."""
        if name is None or str(name) == DEFAULT_MODEL:
            return shipped_models_dir() / DEFAULT_MODEL
        text = str(name)
        candidate = Path(text)
        if (
            os.sep in text
            or (os.altsep and os.altsep in text)
            or (candidate / MANIFEST_FILE).exists()
        ):
            return candidate
        return self.directory / text

    def load(self, name: str | Path | None = None) -> Model:
        """Load and verify a model; raises :class:`ModelError` naming what is wrong."""
        path = self.path_of(name)
        if not path.is_dir():
            raise ModelError(
                f"no model named {str(name)!r} (looked in {path})",
                hint="list models with 'relevance models', or train one with 'relevance train'",
            )
        return load(path, name=None if name is None else Path(str(name)).name)


def write_model(
    model: Model,
    target: Path,
    corpus_sha256: str | None,
    extra: dict[str, object] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a model folder atomically (:func:`~relevance.io.atomic.atomic_folder`).

    The folder is built in a hidden sibling and put in place in one step, replacing an old one
    (``overwrite``) with no moment without a model. Two processes writing one name take turns;
    the second one finds the first one's model (an error unless ``overwrite``). A killed write
    leaves at worst a hidden ``.<name>.*.relevance.tmp`` folder that the next write removes.

    Raises
    ------
    ModelError
        When the model exists (and not ``overwrite``) or the folder cannot be written.
    """
    import json

    from relevance.io.atomic import TargetExists, atomic_folder
    from relevance.model import VOCABULARY_FILE, build_manifest, vocabulary_bytes

    vocabulary = vocabulary_bytes(model)
    manifest = build_manifest(model, vocabulary, corpus_sha256, extra or {})
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    try:
        with atomic_folder(target, overwrite) as staging:
            (staging / VOCABULARY_FILE).write_bytes(vocabulary)
            (staging / MANIFEST_FILE).write_text(text, encoding="utf-8")
    except TargetExists:
        raise ModelError(
            f"a model named {target.name!r} exists already ({target})",
            hint="choose another --name, or pass --force to replace it",
        ) from None
    except OSError as error:
        raise ModelError(
            f"{error.filename or target}: cannot write the model ({error.strerror or error})",
            hint=_folder_hint(target),
        ) from None
    return target


def _folder_hint(target: Path) -> str:
    return f"check that {target.parent} is a folder you can write, or pass --models-dir"
