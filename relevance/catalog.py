"""``relevance models``: listing, showing and removing models, as the command shows them.

Finding, loading and writing a model folder is :mod:`relevance.store`'s; this module is what the
``models`` subcommands do with the folders it finds.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from relevance.display import columns
from relevance.errors import ModelError, UsageError
from relevance.model import MANIFEST_FILE, read_manifest
from relevance.resources import shipped_models_dir
from relevance.store import DEFAULT_MODEL, ModelStore


def list_models(models_dir: str | None = None) -> list[dict[str, Any]]:
    """One row per model: the shipped ones first, then the models folder's, by name."""
    rows: list[dict[str, Any]] = []
    store = ModelStore(models_dir)
    for origin, folder in (("shipped", shipped_models_dir()), ("user", store.directory)):
        if not folder.is_dir():
            continue
        try:
            found = sorted(p for p in folder.iterdir() if (p / MANIFEST_FILE).is_file())
        except OSError as error:
            raise ModelError(
                f"{folder}: cannot list the models folder ({error.strerror or error})",
                hint="check its permissions, or pass --models-dir",
            ) from None
        rows.extend(_row(path, origin) for path in found if not path.name.startswith("."))
    return rows


def _row(path: Path, origin: str) -> dict[str, Any]:
    try:
        manifest = read_manifest(path)
    except ModelError:
        manifest = {}  # listed with unknown counts; `models show` names what is wrong
    return {
        "name": path.name,
        "documents": manifest.get("documents"),
        "vocabulary": manifest.get("vocabulary_size"),
        "created": manifest.get("created"),
        "origin": origin,
        "path": str(path),
    }


def render_models(rows: list[dict[str, Any]], fmt: str) -> str:
    """The list as JSON or as an aligned table."""
    if fmt == "json":
        return json.dumps(rows, indent=2)
    header = ("NAME", "DOCUMENTS", "VOCABULARY", "CREATED", "WHERE")
    lines = [header] + [
        (
            r["name"],
            f"{r['documents']:,}" if r["documents"] is not None else "?",
            f"{r['vocabulary']:,}" if r["vocabulary"] is not None else "?",
            (r["created"] or "?")[:10],
            r["path"],
        )
        for r in rows
    ]
    return "\n".join(columns(lines))


def render_manifest(manifest: dict[str, Any]) -> str:
    """A manifest as aligned ``key: value`` lines, nested keys dotted."""
    flat: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        else:
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            flat.append((prefix, text))

    walk("", manifest)
    return "\n".join(columns(flat))


def remove_model(name: str, models_dir: str | None = None) -> Path:
    """Delete a user model folder; the shipped default is refused."""
    if name == DEFAULT_MODEL:
        raise UsageError("the shipped 'default' model cannot be removed")
    if not name.strip() or "/" in name or "\\" in name or "\0" in name or name in {".", ".."}:
        raise UsageError(f"{name!r} is not a model name")
    path = ModelStore(models_dir).directory / name
    if path.is_symlink():
        raise ModelError(
            f"{path}: is a symbolic link (to {os.readlink(path)}), not a model folder; not removed",
            hint=f"remove the link itself with: rm {path}",
        )
    if not (path / MANIFEST_FILE).is_file():
        raise ModelError(
            f"no model named {name!r} in {path.parent}", hint="list them with 'relevance models'"
        )
    try:
        shutil.rmtree(path)
    except OSError as error:
        raise ModelError(
            f"{error.filename or path}: cannot remove the model ({error.strerror or error})",
            hint=f"check the permissions of {path.parent}",
        ) from None
    return path
