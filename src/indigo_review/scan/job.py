"""The scan job: run the engine on one or more exports and write findings.csv, scan.json and report.html."""

from __future__ import annotations

import contextlib
import csv
import os
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..contract import Outcome
from ..errors import ERRORS_BY_NAME, IndigoError, InputError
from ..i18n import resolve_lang
from ..output import defuse_formula
from ..progress import ProgressReporter
from ..registry import registry_for
from ..report import write_result
from ..workspace import Workspace
from .batch import SKIPPABLE, ScanBatch, SkippedFile
from .engine import scan_path
from .files import METADATA, ExportFile, collect_exports
from .policy import Policy, load_policy, make_policy
from .report import RESULT_NAME, write_scan_report
from .result import ERROR, FINDINGS_COLUMNS, ScanResult
from .settings import ScanSettings
from .sink import KEEP_IN_MEMORY

# Below this size a file scans faster in this process than a local cluster takes to start (about 10 s).
CLUSTER_THRESHOLD_BYTES = 2 * 1024 * 1024
# The entity of the findings.csv row that lists a file not scanned in full (a marker, not personal data).
NOT_SCANNED = "NOT_SCANNED"
SCHEDULER_ENV = "INDIGO_DASK_SCHEDULER"


def scheduler_address(given: str | None = None) -> str | None:
    """The Dask scheduler to use: the option, else INDIGO_DASK_SCHEDULER, else None (no existing cluster)."""
    return given or os.environ.get(SCHEDULER_ENV) or None


def local_workers() -> int:
    """One worker process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _client(scheduler: str | None, workers: int | None, timeout: float):
    from .cluster import dask_client

    return dask_client(scheduler_address(scheduler), workers or local_workers(), timeout=timeout)


def raise_for_error(result: ScanResult | ScanBatch) -> None:
    """Re-raise an ERROR verdict as the IndigoError it came from, so the CLI prints one line and exits 2."""
    if result.verdict != ERROR:
        return
    if isinstance(result, ScanBatch) and not result.results:
        raise InputError(None, result.error_line())
    failed = result.worst() if isinstance(result, ScanBatch) else result
    raise ERRORS_BY_NAME.get(failed.error_class, IndigoError)(None, failed.error or "the scan did not finish")


def command_line(settings: ScanSettings) -> str:
    """The command that runs this scan again, for the report's next steps."""
    words = ["indigo-review", "scan", *(shlex.quote(p) for p in settings.paths)]
    words += [w for c in settings.allow_columns for w in ("--allow-column", shlex.quote(c))]
    words += [w for e in settings.allow_entities for w in ("--allow-entity", e)]
    if settings.policy_path:
        words += ["--policy", shlex.quote(settings.policy_path)]
    if settings.members:
        words += ["--members", shlex.quote(settings.members)]
    return " ".join(words)


def _merge_findings(
    parts: Sequence[tuple[str, Path]], target: Path, not_scanned: Sequence[tuple[str, str]] = ()
) -> None:
    """Join each file's streamed findings into one findings.csv with the file as first column, atomically; each
    file not scanned in full ends it with one NOT_SCANNED row whose evidence column says why."""
    tmp = target.with_name(f".{target.name}.partial")
    with tmp.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", *FINDINGS_COLUMNS])
        for label, part in parts:
            if not part.exists():
                continue
            with part.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                next(reader, None)
                for row in reader:
                    writer.writerow([defuse_formula(label), *row])
        for label, why in not_scanned:
            writer.writerow([defuse_formula(label), "", "", "", NOT_SCANNED, "", "", "", defuse_formula(why)])
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    for _, part in parts:
        part.unlink(missing_ok=True)


def _policy(allow_columns: Iterable[str], allow_entities: Iterable[str], policy_path: str | Path | None) -> Policy:
    policy = make_policy(allow_columns, allow_entities)
    if policy_path:
        extra = load_policy(policy_path)
        policy = make_policy(
            (*policy.allow_columns, *extra.allow_columns), (*policy.allow_entities, *extra.allow_entities)
        )
    return policy


def _unreadable(export: ExportFile, policy: Policy) -> ScanResult:
    """The ERROR of an entry that is no file the scan can open (a folder it cannot list, a broken link)."""
    hint = "fix it, or pass --skip-unsupported to list it as skipped"
    return ScanResult(
        export.path,
        ERROR,
        policy,
        error=f"{export.path}: {export.reason} — {hint}",
        error_class=SKIPPABLE,
        reason=export.reason,
    )


def uses_cluster(exports: Sequence[ExportFile], scheduler: str | None = None, workers: int | None = None) -> bool:
    """Dask runs the partitions when a scheduler is named or workers are asked for (0: this process only);
    by default only a file large enough to repay starting a local cluster, on a machine with cores to spare."""
    if scheduler_address(scheduler):
        return True
    if workers is not None:
        return workers >= 1
    large = any(e.path.is_file() and e.path.stat().st_size >= CLUSTER_THRESHOLD_BYTES for e in exports)
    return large and local_workers() > 1


def run(settings: ScanSettings, out_dir: str | Path) -> Outcome:
    """The scan job over files and folders: each file its own verdict; one findings.csv, scan.json, report.

    Partitions run on Dask (`settings.scheduler`, else a local cluster of `settings.workers` processes) when
    `uses_cluster` says so, else in this process; the outputs are the same either way.
    """
    settings.validate()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    policy = _policy(settings.allow_columns, settings.allow_entities, settings.policy_path)
    exports = collect_exports(settings.paths)
    batch = ScanBatch()
    parts: list[tuple[str, Path]] = []
    scheduler, workers = settings.scheduler or None, settings.workers
    # The society's own members: a member id, e-mail or phone of the registry makes a file personal data.
    registry = registry_for(settings.members, Workspace.locate(settings.workspace))
    cluster = uses_cluster([e for e in exports if not e.skip], scheduler, workers)
    client = _client(scheduler, workers, settings.connect_timeout) if cluster else contextlib.nullcontext()
    with client as connected:
        for number, export in enumerate(exports):
            if export.skip == METADATA:
                batch.skipped.append(SkippedFile(export.label, export.path, METADATA, export.reason))
                continue
            part = out_dir / f".findings-{number}.partial.csv"
            if export.skip:
                result = _unreadable(export, policy)
            else:
                result = scan_path(
                    export.path,
                    policy=policy,
                    findings_path=part,
                    keep_findings=KEEP_IN_MEMORY,
                    client=connected,
                    registry=registry,
                )
            if result.verdict == ERROR and result.error_class == SKIPPABLE and settings.skip_unsupported:
                part.unlink(missing_ok=True)
                kind = export.skip or "unsupported"  # unreadable (a broken link, ...) or a file no reader takes
                skipped = SkippedFile(export.label, export.path, kind, result.reason, result.sha256, result.reason_code)
                batch.skipped.append(skipped)
                continue
            batch.add(export.label, result)
            parts.append((export.label, part))
    ProgressReporter(0).phase("writing the findings and the report")
    _merge_findings(parts, out_dir / "findings.csv", batch.not_scanned())
    workspace = Workspace.locate(settings.workspace)
    lang = resolve_lang(settings.lang, workspace.settings())
    verdict = write_scan_report(batch, policy, out_dir, lang, command_line(settings))
    # An ERROR's one line (it names the file, never a value) is what the command prints on stderr.
    error = {"error": batch.error_line()} if batch.verdict == ERROR else {}
    return write_result(
        out_dir / RESULT_NAME,
        "scan",
        batch.exit_code,
        status=batch.verdict.lower(),
        settings=settings,
        detail=batch,
        lang=lang,
        headline=verdict.headline,
        member_registry=registry.describe() if registry is not None else None,
        **batch.to_json(),
        **error,
    )
