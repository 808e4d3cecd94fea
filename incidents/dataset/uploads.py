"""Articles uploaded from the browser (editing mode): checked, kept in the data folder, ingested.

``ingest_upload(name, data, data_dir)`` is the one way in, whatever the format:

1. the file's suffix must be one the corpus reads (``incidents.corpus.articles.SUFFIXES``) and its size at most
   ``MAX_BYTES``; anything else is refused with a message saying what is accepted;
2. it is saved, under a safe name that never replaces another file, in ``incoming/`` of the data
   folder (the staging folder), and read by the corpus reader (``load_corpus``): a file that gives
   no article (not UTF-8, empty, ...) is removed again and its problems are the message;
3. the file is added to the data folder's tables by the ``add`` command's function
   (``incidents.dataset.add.add``); it stays in ``incoming/`` as the record of what was uploaded.

Out: an ``Upload`` (ok, message, where it was saved). Nothing here imports Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
STAGING = "incoming"
_SAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class Upload:
    """What became of an uploaded file: ok, the message for the analyst, and the staged path (None
    when it was refused)."""

    ok: bool
    message: str
    path: Path | None = None


def accepted_suffixes() -> tuple[str, ...]:
    """The file suffixes the corpus reads, sorted."""
    from incidents.corpus.articles import SUFFIXES

    return tuple(sorted(SUFFIXES))


def safe_name(name: str) -> str:
    """A file name with no folder, no leading dot, only plain characters and at most 120 of them, its
    suffix kept ("../x y!.txt" -> "x y_.txt")."""
    base = Path(str(name).replace("\\", "/")).name
    cleaned = _SAFE.sub("_", base).strip(" .") or "upload"
    suffix = Path(cleaned).suffix[:12]
    return cleaned[:120 - len(suffix)].rstrip(" .") + suffix if len(cleaned) > 120 else cleaned


def _free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem-2.suffix`` ... when that exists (nothing is replaced)."""
    path = folder / name
    n = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return path


def check_upload(name: str, size: int) -> str | None:
    """Why a file called ``name`` of ``size`` bytes is refused, or None."""
    suffix = Path(name).suffix.lower()
    accepted = accepted_suffixes()
    if suffix not in accepted:
        return (f"{name}: {suffix or 'no suffix'} files cannot be added; upload {', '.join(accepted)} "
                "(plain-text articles" + (", saved web pages or collections" if len(accepted) > 1 else "") + ")")
    if size > MAX_BYTES:
        return f"{name}: {size / 1e6:.1f} MB is more than the {MAX_BYTES / 1e6:.1f} MB an upload may have"
    if size == 0:
        return f"{name}: the file is empty"
    return None


def ingest_upload(name: str, data: bytes, data_dir: Path) -> Upload:
    """Check, stage, read and add one uploaded file (module docstring)."""
    why = check_upload(name, len(data))
    if why:
        return Upload(False, why)
    from incidents.corpus.articles import load_corpus

    folder = Path(data_dir) / STAGING
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, safe_name(name))
    path.write_bytes(data)
    articles, problems = load_corpus([path])
    if not articles:
        path.unlink(missing_ok=True)
        said = "; ".join(p.message for p in problems) or "no article found in it"
        return Upload(False, f"{name}: not added: {said}")
    from incidents.dataset.add import add

    result = add([path], Path(data_dir))
    found = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
    return Upload(not result.failed, f"{name}: {found}; {result.summary(Path(data_dir))}", path)
