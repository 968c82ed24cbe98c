"""Publish a set of outputs in one atomic step: versioned builds and one pointer.

A *publication* is a set of outputs that belong together (a report's HTML,
``metrics.json``, ``tabel/`` and executed notebook; or the tables of
``data/processed/<year>``).  Every build is written into its own new
folder, and one pointer says which build is current::

    B/.tmp-<id>/     a build being written (a killed run's leftover: removed by the next run)
    B/<id>/          a complete build, never changed after it is committed
    B/current        the pointer: a symlink to <id> (link mode) or a file holding <id> (copy mode)
    B/published      copy mode only: the build whose copies at the visible paths are complete

The *visible paths* (what users and the README name) stay where they were.

* **Link mode** (POSIX): each visible path is a relative symlink through
  ``B/current`` (``reports/2026/metrics.json -> .builds/<stem>/current/metrics.json``).
  The links never change; publishing swaps only the pointer with one
  :func:`os.replace`, so at every instant every visible path shows the same
  build: the whole previous set or the whole new one.
* **Copy mode** (Windows, where replacing a folder by rename is impossible
  and links need privileges; or a file system without symlinks): the pointer
  is a small file swapped with :func:`os.replace`; then each visible file is
  replaced by a hard link or copy of the current build's file (one
  :func:`os.replace` per file, HTML last), retried while a file is locked.
  The pointer (what the package itself reads) is always one whole build; the
  visible copies are mixed only while they are refreshed, and a refresh that
  was interrupted is completed by the next run.

Examples
--------
>>> import tempfile
>>> home = Path(tempfile.mkdtemp())
>>> pub = Publication(home / ".builds", (("metrics.json", home / "metrics.json"),))
>>> stage = pub.new_build()
>>> _ = (stage / "metrics.json").write_text("{}", encoding="utf-8")
>>> build_id = pub.commit(stage)
>>> (home / "metrics.json").read_text(encoding="utf-8"), pub.current() == home / ".builds" / build_id
('{}', True)
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kemuning_eval.errors import BusyError
from kemuning_eval.i18n import t

#: ``link`` or ``copy``: forces a mode (tests; a share that mishandles symlinks).
MODE_ENV = "KEMUNING_EVAL_PUBLISH_MODE"
#: Test hook: a step name (see :data:`STEPS`) at which the process stops
#: (``os._exit``), or ``<step>:raise`` to raise :class:`StopForTest` there.
STOP_ENV = "KEMUNING_EVAL_TEST_STOP"
#: The steps of publishing, in order, at which :data:`STOP_ENV` can stop a run.
STEPS = ("staged", "committed", "switched", "linked", "copied", "published", "cleaned")
#: Seconds publishing retries a file that another program holds open (locked).
LOCKED_WAIT_SECONDS = 30.0
#: Environment variable overriding :data:`LOCKED_WAIT_SECONDS`.
LOCKED_WAIT_ENV = "KEMUNING_EVAL_LOCKED_WAIT"
#: Seconds between two attempts on a locked file.
LOCKED_RETRY_SECONDS = 0.5
#: Complete builds kept besides the current one (a reader that has just
#: resolved the previous pointer can still open its files).
KEEP_PREVIOUS = 1
#: Exit code of a run stopped by the test hook.
STOP_EXIT_CODE = 86

POINTER, PUBLISHED, TMP_PREFIX = "current", "published", ".tmp-"
T = TypeVar("T")


class StopForTest(RuntimeError):
    """Raised at a publishing step named by ``KEMUNING_EVAL_TEST_STOP=<step>:raise``.

    Examples
    --------
    >>> str(StopForTest("switched"))
    'switched'
    """


def checkpoint(step: str) -> None:
    """Stop here when the test hook names ``step`` (``os._exit`` or raise); else do nothing.

    Examples
    --------
    >>> from unittest import mock
    >>> checkpoint("switched")
    >>> with mock.patch.dict(os.environ, {STOP_ENV: "switched:raise"}):
    ...     checkpoint("switched")
    Traceback (most recent call last):
    ...
    kemuning_eval.publication.StopForTest: switched
    """
    wanted = os.environ.get(STOP_ENV, "")
    if not wanted:
        return
    name, _, how = wanted.partition(":")
    if name != step:
        return
    if how == "raise":
        raise StopForTest(step)
    sys.stderr.flush()
    os._exit(STOP_EXIT_CODE)


def notice(message: str) -> None:
    """Tell the user (stderr, always, also with ``--quiet``) what a run did about a previous run's leftovers.

    Examples
    --------
    >>> import contextlib, io
    >>> buf = io.StringIO()
    >>> with contextlib.redirect_stderr(buf):
    ...     notice("sisa dihapus")
    >>> buf.getvalue()
    'sisa dihapus\\n'
    """
    print(message, file=sys.stderr, flush=True)


def _locked_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCKED_WAIT_ENV, LOCKED_WAIT_SECONDS)))
    except ValueError:
        return LOCKED_WAIT_SECONDS


def retry_locked(action: Callable[[], T], path: Path) -> T:
    """Run ``action`` (a rename or delete of ``path``), retrying while the file is locked.

    A file open in Excel on Windows cannot be replaced or deleted
    (``PermissionError``).  The action is retried every
    :data:`LOCKED_RETRY_SECONDS` for :data:`LOCKED_WAIT_SECONDS`
    (``KEMUNING_EVAL_LOCKED_WAIT``), then the run stops with a clear message.

    Raises
    ------
    BusyError
        The file stayed locked; the message names it.

    Examples
    --------
    >>> from unittest import mock
    >>> calls = []
    >>> def flaky():
    ...     calls.append(1)
    ...     if len(calls) < 3:
    ...         raise PermissionError(13, "locked")
    ...     return "ok"
    >>> with mock.patch("kemuning_eval.publication.LOCKED_RETRY_SECONDS", 0):
    ...     retry_locked(flaky, Path("tabel/program.csv")), len(calls)
    ('ok', 3)
    """
    deadline = time.monotonic() + _locked_wait()
    while True:
        try:
            return action()
        except PermissionError as exc:
            if time.monotonic() >= deadline:
                raise BusyError(t("publish.error.locked", file=str(path)), file=str(path),
                                hint=t("publish.hint.locked")) from exc
            time.sleep(LOCKED_RETRY_SECONDS)


def new_id() -> str:
    """Return a new build id: UTC time, pid and a random part (sortable by time).

    Examples
    --------
    >>> a = new_id()
    >>> len(a.split("-")), a < new_id()
    (3, True)
    """
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 1_000_000_000))
    return f"{stamp}.{now % 1_000_000_000:09d}-{os.getpid()}-{secrets.token_hex(3)}"


def _symlinks_work(folder: Path) -> bool:
    probe = folder / f".probe-{os.getpid()}-{secrets.token_hex(3)}"
    try:
        os.symlink(".", probe)
    except (OSError, NotImplementedError):
        return False
    os.unlink(probe)
    return True


def _rmtree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


@dataclass(frozen=True)
class Publication:
    """One set of outputs published together.

    Parameters
    ----------
    builds : Path
        The folder of the versioned builds (``B``).  Same file system as the
        visible paths.
    outputs : tuple of (str, Path)
        ``(name inside a build, visible path)``, in the order the visible
        copies are refreshed (the page a user opens last).  The name ``""``
        stands for the build folder itself (``data/processed/<year>``).

    Examples
    --------
    >>> pub = Publication(Path("r/.builds/x"), (("x.html", Path("r/x.html")),))
    >>> pub.pointer.as_posix(), pub.visible("x.html").as_posix()
    ('r/.builds/x/current', 'r/x.html')
    """

    builds: Path
    outputs: tuple[tuple[str, Path], ...]

    @property
    def pointer(self) -> Path:
        """The pointer ``B/current``."""
        return self.builds / POINTER

    def visible(self, name: str) -> Path:
        """The visible path of output ``name``."""
        return dict(self.outputs)[name]

    # -- reading -----------------------------------------------------------
    def mode(self) -> str:
        """``"link"`` or ``"copy"``: the existing pointer's kind, else the platform's.

        ``KEMUNING_EVAL_PUBLISH_MODE`` forces a mode for a new publication.
        """
        if self.pointer.is_symlink():
            return "link"
        if self.pointer.is_file():
            return "copy"
        forced = os.environ.get(MODE_ENV, "")
        if forced in ("link", "copy"):
            return forced
        if os.name == "nt":
            return "copy"
        self.builds.mkdir(parents=True, exist_ok=True)
        return "link" if _symlinks_work(self.builds) else "copy"

    def current_id(self) -> str | None:
        """The id of the current build, or None when nothing was published yet."""
        try:
            if self.pointer.is_symlink():
                return os.readlink(self.pointer)
            return self.pointer.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def current(self) -> Path | None:
        """The folder of the current build (resolved, so it stays the same build), or None."""
        build_id = self.current_id()
        if build_id and (self.builds / build_id).is_dir():
            return self.builds / build_id
        return None

    def read_path(self, name: str) -> Path:
        """Where to read output ``name`` as one whole set: inside the current build, else the visible path."""
        current = self.current()
        if current is None:
            return self.visible(name)
        return current / name if name else current

    # -- writing -----------------------------------------------------------
    def new_build(self) -> Path:
        """Create and return an empty folder ``B/.tmp-<id>`` for a new build."""
        self.builds.mkdir(parents=True, exist_ok=True)
        stage = self.builds / f"{TMP_PREFIX}{new_id()}"
        stage.mkdir()
        return stage

    def commit(self, stage: Path) -> str:
        """Publish the complete build in ``stage``; return its id.

        Steps: ``stage`` is renamed to ``B/<id>`` (committed), the pointer is
        swapped (switched: from here on the new set is the published one),
        the visible links are made (link mode, once) or the visible copies
        refreshed (copy mode), then builds older than the previous one are
        removed.  A stop between steps leaves either the previous or the new
        set published; :meth:`recover` finishes the rest.
        """
        checkpoint("staged")
        build_id = stage.name.removeprefix(TMP_PREFIX)
        mode = self.mode()
        retry_locked(lambda: os.replace(stage, self.builds / build_id), stage)
        checkpoint("committed")
        self._set_pointer(build_id, mode)
        checkpoint("switched")
        self._show(build_id, mode)
        checkpoint("published")
        self._clean(build_id)
        checkpoint("cleaned")
        return build_id

    def discard(self, stage: Path) -> None:
        """Remove an unfinished build folder (a failed run)."""
        _rmtree(stage)

    def _set_pointer(self, build_id: str, mode: str) -> None:
        tmp = self.builds / f".{POINTER}.{os.getpid()}-{secrets.token_hex(3)}"
        if mode == "link":
            os.symlink(build_id, tmp)
        else:
            tmp.write_text(build_id + "\n", encoding="utf-8")
        # Windows: a reader holding the pointer open for an instant blocks the replace
        retry_locked(lambda: os.replace(tmp, self.pointer), self.pointer)

    def _show(self, build_id: str, mode: str) -> None:
        if mode == "link":
            for name, visible in self.outputs:
                _ensure_link(visible, os.path.relpath(self.pointer / name if name else self.pointer,
                                                      visible.parent))
            checkpoint("linked")
            return
        for i, (name, visible) in enumerate(self.outputs):
            source = self.builds / build_id / name if name else self.builds / build_id
            if source.is_dir():
                _sync_dir(source, visible)
            elif source.exists():
                _copy_file(source, visible)
            elif visible.is_dir() and not visible.is_symlink():
                _sync_dir(source, visible, remove=True)
            elif visible.exists() or visible.is_symlink():
                retry_locked(visible.unlink, visible)  # this build has no such output
            if i == 0:
                checkpoint("copied")
        tmp = self.builds / f".{PUBLISHED}.{os.getpid()}"
        tmp.write_text(build_id + "\n", encoding="utf-8")
        retry_locked(lambda: os.replace(tmp, self.builds / PUBLISHED), self.builds / PUBLISHED)

    def _committed(self) -> list[str]:
        return sorted(p.name for p in self.builds.iterdir()
                      if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))

    def _clean(self, build_id: str) -> None:
        older = [b for b in self._committed() if b < build_id]
        keep = {build_id, *(older[-KEEP_PREVIOUS:] if KEEP_PREVIOUS else [])}
        for name in self._committed():
            if name not in keep:
                _rmtree(self.builds / name)  # a file still open on Windows: removed next time

    def recover(self, *, legacy: Path | None = None) -> list[str]:
        """Clean up after a killed run; return what was done (each also told on stderr).

        Removes unfinished builds (``B/.tmp-*``) and stray temporary files,
        restores visible links or completes the visible copies of the current
        build, and (``legacy``: the folder the old, non-versioned code
        replaced) restores the previous version a killed old run had moved to
        ``.<name>.old-<pid>`` or removes its ``.<name>.tmp-<pid>``.  Run it
        while holding the year's lock (:mod:`kemuning_eval.runlock`), so that
        no other run is writing.
        """
        done: list[str] = []
        if legacy is not None:
            done += _recover_legacy(legacy, has_builds=self.current() is not None)
        if self.pointer.is_dir() and not self.pointer.is_symlink():
            # a copy that followed the links (cp -L, a FAT drive) turned the pointer into a folder
            _rmtree(self.pointer)
            done.append(t("publish.recover.unfinished", path=str(self.pointer)))
        if self.builds.is_dir():
            for item in sorted(self.builds.iterdir()):
                if item.name.startswith((TMP_PREFIX, f".{POINTER}.", f".{PUBLISHED}.")):
                    _rmtree(item)
                    done.append(t("publish.recover.unfinished", path=str(item)))
        for _, visible in self.outputs:
            if visible.parent.is_dir():
                for item in sorted(visible.parent.glob(f".{visible.name}.*-*")):
                    if item.name.startswith((f".{visible.name}.tmp-", f".{visible.name}.link-",
                                             f".{visible.name}.old-")):
                        _rmtree(item)
                        done.append(t("publish.recover.unfinished", path=str(item)))
        build_id = self.current_id()
        if build_id and self.current() is not None:
            for name in self._committed():
                if name > build_id:  # committed by a run stopped before it switched the pointer
                    _rmtree(self.builds / name)
                    done.append(t("publish.recover.unfinished", path=str(self.builds / name)))
            mode = self.mode()
            if mode == "link":
                missing = [v for n, v in self.outputs if not _link_ok(v, self.pointer / n if n else self.pointer)]
                if missing:
                    self._show(build_id, mode)
                    done += [t("publish.recover.link", path=str(v)) for v in missing]
            else:
                try:
                    shown = (self.builds / PUBLISHED).read_text(encoding="utf-8").strip()
                except OSError:
                    shown = ""
                if shown != build_id:
                    self._show(build_id, mode)
                    done.append(t("publish.recover.copies", path=str(self.builds / build_id)))
            self._clean(build_id)
        for message in done:
            notice(message)
        return done


def _link_ok(visible: Path, target: Path) -> bool:
    return visible.is_symlink() and os.path.relpath(target, visible.parent) == os.readlink(visible)


def _ensure_link(visible: Path, target: str) -> None:
    """Make ``visible`` a symlink to ``target`` (atomic for a file; a real folder is moved aside first)."""
    if visible.is_symlink() and os.readlink(visible) == target:
        return
    visible.parent.mkdir(parents=True, exist_ok=True)
    tmp = visible.with_name(f".{visible.name}.link-{os.getpid()}")
    _rmtree(tmp)
    os.symlink(target, tmp, target_is_directory=True)
    if visible.is_dir() and not visible.is_symlink():
        # A folder of the old, non-versioned layout: no atomic swap of a folder
        # for a link exists, so it is moved aside for an instant.
        old = visible.with_name(f".{visible.name}.old-{os.getpid()}")
        _rmtree(old)
        os.replace(visible, old)
        checkpoint("legacy-moved")
        os.replace(tmp, visible)
        _rmtree(old)
    else:
        retry_locked(lambda: os.replace(tmp, visible), visible)


def _copy_file(source: Path, visible: Path) -> None:
    visible.parent.mkdir(parents=True, exist_ok=True)
    if visible.is_file() and not visible.is_symlink() and os.path.samefile(source, visible):
        return  # already a hard link to this build's file (rename would do nothing)
    tmp = visible.with_name(f".{visible.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    try:
        retry_locked(lambda: os.replace(tmp, visible), visible)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sync_dir(source: Path, visible: Path, *, remove: bool = False) -> None:
    """Make folder ``visible`` hold the files of ``source`` (file by file); ``remove``: empty it."""
    if visible.is_symlink() or visible.is_file():
        retry_locked(visible.unlink, visible)
    visible.mkdir(parents=True, exist_ok=True)
    wanted = set() if remove else {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        _copy_file(source / rel, visible / rel)
    for path in sorted(visible.rglob("*"), reverse=True):
        rel = path.relative_to(visible)
        if path.is_file() and rel not in wanted:
            retry_locked(path.unlink, path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if remove:
        visible.rmdir()


def _recover_legacy(target: Path, *, has_builds: bool) -> list[str]:
    """Leftovers of the old swap (``.<name>.old-<pid>``, ``.<name>.tmp-<pid>``) next to ``target``."""
    done = []
    parent = target.parent
    if not parent.is_dir():
        return done
    olds = sorted(parent.glob(f".{target.name}.old-*"))
    tmps = sorted(parent.glob(f".{target.name}.tmp-*"))
    if olds and not target.exists() and not target.is_symlink() and not has_builds:
        os.replace(olds[-1], target)  # the previous complete version
        done.append(t("publish.recover.restored", path=str(target), old=olds[-1].name))
        olds = olds[:-1]
    for item in [*olds, *tmps]:
        _rmtree(item)
        done.append(t("publish.recover.unfinished", path=str(item)))
    return done
