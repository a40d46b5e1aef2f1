"""`make demo`: every job once on the sample data, each with the exit code the sample data calls for."""

from __future__ import annotations

from pathlib import Path

import indigo_review.demo as demo

from .conftest import ROOT, SAMPLE


def _inputs(**extra) -> demo.DemoInputs:
    return demo.DemoInputs(Path("d"), (Path("a.csv"), Path("b.csv")), Path("leaky.csv"), work=Path("w"), **extra)


OWN = ["--workspace", str(Path("w/workspace"))]


def test_the_demo_scans_every_clean_export_for_a_pass_and_the_leaky_one_for_a_block() -> None:
    scans = [(c, e) for _, c, e in demo.demo_runs(_inputs()) if c[0] == "scan"]
    assert scans == [(["scan", "a.csv", *OWN], {0}), (["scan", "b.csv", *OWN], {0}), (["scan", "leaky.csv", *OWN], {1})]


def test_the_international_export_is_scanned_for_a_block_when_given() -> None:
    runs = demo.demo_runs(_inputs(international_export=Path("intl.csv")))
    assert (["scan", "intl.csv", *OWN], {1}) in [(c, e) for _, c, e in runs]


def test_every_demo_command_works_in_the_demos_own_workspace() -> None:
    assert all(command[-2:] == OWN for _, command, _ in demo.demo_runs(_inputs()))


def test_an_unexpected_verdict_fails_the_demo(monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo, "cli_main", lambda command: 1)
    argv = ["--data", str(SAMPLE), "--clean-export", "a.csv", "--leaky-export", "leaky.csv"]
    assert demo.main(argv) == 1


def test_the_makefile_demo_includes_the_catalogue_and_international_exports() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for export in ("planning_export.csv", "catalogue_export.csv", "leaky_export_cp932.csv", "international_members"):
        assert f"exports/{export}" in makefile


def test_the_demo_checks_the_sample_as_of_its_reference_date_so_its_findings_never_age() -> None:
    from indigo_review.sample import REFERENCE_DATE

    (check,) = [command for _, command, _ in demo.demo_runs(_inputs()) if command[0] == "check"]
    assert check[check.index("--as-of") + 1] == REFERENCE_DATE.isoformat()


def test_the_demo_first_tells_its_workspace_where_the_members_are_so_every_scan_knows_them() -> None:
    first = demo.demo_runs(_inputs())[0][1]
    assert first[:4] == ["workspace", "set", "--data", "d"]
