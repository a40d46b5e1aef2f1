"""Progress of long work, shown on a terminal and silent under cron, CI or --quiet.

A job's notebook runs in a Papermill kernel whose output never reaches the terminal, so progress
crosses the process boundary through a small file: the library reports rows done and the total to
`INDIGO_PROGRESS_FILE` (a few writes a second at most, each atomic), and the CLI, while the kernel
runs, draws a bar on its own stderr from that file. The file holds counts only, never a value.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import IO

from .output import atomic_write_text

PROGRESS_ENV = "INDIGO_PROGRESS_FILE"
_MIN_INTERVAL = 0.25


def show_progress(quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """A bar is drawn only on an interactive terminal, and never with --quiet."""
    stream = stream or sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


class ProgressReporter:
    """Library side: counts work done and, when a progress file is set, writes it there now and then."""

    def __init__(self, total: int, label: str = "", path: str | Path | None = None) -> None:
        named = path or os.environ.get(PROGRESS_ENV)
        self.path = Path(named) if named else None
        self.total = total
        self.label = label
        self.done = 0
        self._written = 0.0

    def advance(self, amount: int) -> None:
        """Add work done; the file is rewritten at most a few times a second."""
        self.done += amount
        now = time.monotonic()
        if self.path is not None and (now - self._written >= _MIN_INTERVAL or self.done >= self.total):
            self._written = now
            self._write()

    def phase(self, label: str, total: int = 0) -> None:
        """Start a phase of the work (reading, profiling, scanning, writing): shown at once, with its own total
        (0 when the work cannot be counted: the bar then shows the time spent)."""
        self.label, self.total, self.done = label, total, 0
        if self.path is not None:
            self._written = time.monotonic()
            self._write()

    def finish(self) -> None:
        """Record that the work is complete."""
        self.done = max(self.done, self.total)
        if self.path is not None:
            self._write()

    def _write(self) -> None:
        payload = {"label": self.label, "done": self.done, "total": self.total}
        try:
            atomic_write_text(self.path, json.dumps(payload))
        except OSError:  # progress is a courtesy: never let it stop the work
            self.path = None


def read_progress(path: str | Path) -> dict[str, int | str] | None:
    """The last progress written, or None when there is none (yet) or it is unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class ProgressWatcher:
    """CLI side: a thread that redraws a tqdm bar on stderr from the progress file until stopped."""

    def __init__(self, path: str | Path, stream: IO[str] | None = None, interval: float = 0.5) -> None:
        self.path = Path(path)
        self.stream = stream or sys.stderr
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="indigo-progress", daemon=True)

    def __enter__(self) -> ProgressWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        from tqdm import tqdm

        bar: tqdm | None = None
        try:
            while not self._stop.wait(self.interval):
                bar = self._redraw(bar, tqdm)
            bar = self._redraw(bar, tqdm)
        finally:
            if bar is not None:
                bar.close()

    def _redraw(self, bar, tqdm):
        state = read_progress(self.path)
        if state is None:
            return bar
        total, done, label = int(state.get("total", 0)), int(state.get("done", 0)), str(state.get("label", ""))
        if bar is None or bar.total != (total or None) or bar.desc != label:
            if bar is not None:
                bar.close()
            # smoothing=0: the rate (and so the time left) over the whole phase, not the last few updates, which
            # after a fast start would promise a tenth of the time the work takes.
            bar = tqdm(total=total or None, desc=label, unit="row", file=self.stream, dynamic_ncols=True, smoothing=0)
        bar.update(max(0, done - bar.n))
        return bar
