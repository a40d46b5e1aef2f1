"""Anonymise: keyed pseudonyms, hierarchies as data, k-anonymity enforced and verified, planning on safe data."""

from __future__ import annotations

import hashlib
import itertools
import json
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indigo_review.anonymise.hierarchies import (
    STAR,
    address_hierarchy,
    age_band_values,
    age_hierarchy,
    channel_hierarchy,
    postal_3_values,
    postal_hierarchy,
)
from indigo_review.anonymise.lattice import Lattice
from indigo_review.anonymise.planning import plan
from indigo_review.anonymise.pseudonyms import pseudonymise
from indigo_review.anonymise.records import check_columns
from indigo_review.anonymise.risk import verify_k_anonymity
from indigo_review.anonymise.search import search
from indigo_review.anonymise.settings import AnonymiseSettings
from indigo_review.anonymise.transform import MEMBER_COLUMN, anonymise
from indigo_review.errors import InputError, ParameterError, PseudonymKeyError
from indigo_review.io import read_dataset
from indigo_review.keys import KEY_ENV, KEY_FILE_ENV, PseudonymKey, load_key, read_key_file, write_key_file
from indigo_review.reference import PREFECTURES, REGIONS

from ..conftest import run_cli

KEY_TEXT = "test-key-" + "q" * 40
OTHER_KEY_TEXT = "other-key-" + "z" * 40


@pytest.fixture(scope="module")
def tables(sample_dir: Path) -> dict[str, pd.DataFrame]:
    return read_dataset(sample_dir, ["members", "events", "signups"])


@pytest.fixture(scope="module")
def key() -> PseudonymKey:
    return PseudonymKey(KEY_TEXT.encode(), "test")


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, object, dict[str, str]]:
    """One real CLI run on the sample, shared by the tests that inspect its run folder."""
    out = tmp_path_factory.mktemp("anon") / "run"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_dir.glob("*.csv")}
    args = ["--data", str(sample_dir), "--lang", "ja", "--out", str(out)]
    result = run_cli("anonymise", *args, env={KEY_ENV: KEY_TEXT})
    return out, result, before


# Pseudonyms and keys


def test_same_key_gives_the_same_pseudonym(key: PseudonymKey) -> None:
    ids = pd.Series(["M000001", "M000002", "M000001"])
    first, second = pseudonymise(ids, key), pseudonymise(ids.copy(), key)
    assert first.tolist() == second.tolist()
    assert first[0] == first[2] != first[1]


def test_different_keys_give_different_pseudonyms(key: PseudonymKey) -> None:
    ids = pd.Series([f"M{i:06d}" for i in range(200)])
    other = PseudonymKey(OTHER_KEY_TEXT.encode(), "test")
    assert not set(pseudonymise(ids, key)) & set(pseudonymise(ids, other))


def test_pseudonyms_are_16_hex_characters_and_not_the_id(key: PseudonymKey) -> None:
    value = pseudonymise(pd.Series(["M000001"]), key)[0]
    assert len(value) == 16 and int(value, 16) >= 0 and "M000001" not in value


def test_key_repr_shows_only_a_fingerprint(key: PseudonymKey) -> None:
    assert KEY_TEXT not in repr(key) and KEY_TEXT not in str(key)
    assert key.fingerprint in repr(key)


def test_missing_key_is_an_error_not_a_default() -> None:
    with pytest.raises(PseudonymKeyError, match="no pseudonymisation key"):
        load_key({})


@pytest.mark.parametrize("text", ["", "   ", "short-key"])
def test_empty_or_short_key_is_an_error(text: str) -> None:
    with pytest.raises(PseudonymKeyError):
        load_key({KEY_ENV: text})


def test_key_file_is_preferred_and_must_be_private(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(KEY_TEXT)
    path.chmod(0o644)
    with pytest.raises(PseudonymKeyError, match="readable by other users"):
        load_key({KEY_FILE_ENV: str(path), KEY_ENV: OTHER_KEY_TEXT})
    path.chmod(0o600)
    assert load_key({KEY_FILE_ENV: str(path), KEY_ENV: OTHER_KEY_TEXT}).secret == KEY_TEXT.encode()


def test_keygen_writes_an_owner_only_file_and_never_overwrites(tmp_path: Path) -> None:
    path = write_key_file(tmp_path / "new.key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(read_key_file(path).secret) >= 32
    with pytest.raises(PseudonymKeyError, match="already exists"):
        write_key_file(path)


# Hierarchies


def test_address_hierarchy_covers_all_47_prefectures_with_a_region() -> None:
    table = address_hierarchy().table.set_index("prefecture")
    for prefecture in PREFECTURES:
        assert table.loc[prefecture.name, "region"] in REGIONS
        assert table.loc[prefecture.name, "any"] == STAR
    assert len(table) == 48  # 47 prefectures and the '*' row


@pytest.mark.parametrize(
    "hierarchy", [age_hierarchy(), address_hierarchy(), postal_hierarchy(), channel_hierarchy()], ids=lambda h: h.name
)
def test_every_hierarchy_ends_in_star_and_only_coarsens(hierarchy) -> None:
    table = hierarchy.table
    assert (table.iloc[:, -1] == STAR).all()
    assert table.iloc[:, 0].is_unique
    for level in range(1, table.shape[1]):
        # A coarser level never splits what a finer level joined.
        assert (table.groupby(table.columns[level - 1])[table.columns[level]].nunique() == 1).all()


def test_age_bands_are_computed_at_the_given_date() -> None:
    bands = age_band_values(
        pd.Series(["1990-06-15", "1990-06-15", "2090-01-01", "not a date"]),
        pd.Series(["2025-06-14T10:00:00+09:00", "2025-06-15T10:00:00+09:00", "2025-01-01", "2025-01-01"]),
    )
    assert bands.tolist() == ["30-34", "35-39", STAR, STAR]


def test_ages_of_90_and_over_are_top_coded() -> None:
    bands = age_band_values(pd.Series(["1922-01-01", "1935-06-01", "1936-06-01"]), pd.Series(["2025-07-01"] * 3))
    assert bands.tolist() == ["90+", "90+", "85-89"]
    assert "90+" in set(age_hierarchy().table["age_5"]) and "103" not in "".join(age_hierarchy().table["age_5"])


def test_one_member_gets_the_same_age_band_on_every_row(tables, key: PseudonymKey) -> None:
    frame = anonymise(tables, key, AnonymiseSettings(k=2)).frame
    kept = frame[frame["age_band"] != STAR]
    assert (kept.groupby(MEMBER_COLUMN)["age_band"].nunique() == 1).all()


def test_postal_codes_in_any_format_keep_three_digits() -> None:
    codes = pd.Series(["100-0001", "〒１００－０００１", "1000001", "12345", ""])
    assert postal_3_values(codes).tolist() == ["100", "100", "100", STAR, STAR]


# k-anonymity


def _toy_records(seed: int, rows: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    prefectures = [p.name for p in PREFECTURES]
    return pd.DataFrame(
        {
            MEMBER_COLUMN: [f"m{i}" for i in rng.integers(0, rows // 2, rows)],
            "age_band": [f"{a}-{a + 4}" for a in rng.integers(4, 16, rows) * 5],
            "area": rng.choice(prefectures[:12], rows),
            "channel": rng.choice(["web", "social", "email", "mail", "phone", "oral"], rows),
            "attended": rng.choice(["true", "false"], rows),
        }
    )


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 6), limit=st.sampled_from([0, 5, 20]))
def test_search_finds_the_least_loss_passing_node_of_the_whole_lattice(seed: int, k: int, limit: int) -> None:
    records = _toy_records(seed)
    hierarchies = [age_hierarchy(), address_hierarchy(), channel_hierarchy()]
    weights = [4.0, 2.0, 1.0]
    lattice = Lattice(records, hierarchies, MEMBER_COLUMN, k, limit, weights)
    found = search(lattice)
    brute = Lattice(records, hierarchies, MEMBER_COLUMN, k, limit, weights)
    nodes = itertools.product(*[range(h.height + 1) for h in hierarchies])
    every = [brute.evaluate(n, exact=True) for n in nodes]
    passing = [s for s in every if s.passes]
    assert found.best.passes == bool(passing)
    if passing:
        # Suppression counts in the loss, so the best node may lie above a minimal one: all nodes are compared.
        assert found.best.loss == pytest.approx(min(s.loss for s in passing))
    assert found.evaluated <= len(every)


def test_a_suppressed_row_loses_everything() -> None:
    records = _toy_records(3)
    hierarchies = [age_hierarchy(), address_hierarchy(), channel_hierarchy()]
    lattice = Lattice(records, hierarchies, MEMBER_COLUMN, 5, len(records))
    stats = lattice.evaluate((0, 0, 0), exact=True)
    assert stats.suppressed > 0
    assert stats.loss > lattice.generalisation_loss((0, 0, 0))
    everything = lattice.evaluate((3, 2, 2), exact=True)
    assert everything.loss == pytest.approx(1.0)


def test_priority_steers_which_attribute_keeps_its_detail(tables, key: PseudonymKey) -> None:
    area_first = anonymise(tables, key, AnonymiseSettings(priority=("area", "age")))
    channel_first = anonymise(tables, key, AnonymiseSettings(priority=("channel", "signed_up")))
    assert area_first.loss_by_attribute["address"] < channel_first.loss_by_attribute["address"]
    assert channel_first.loss_by_attribute["channel"] < area_first.loss_by_attribute["channel"]


@pytest.mark.parametrize("k", [2, 5, 10])
def test_output_is_k_anonymous_on_the_declared_quasi_identifiers(tables, key: PseudonymKey, k: int) -> None:
    result = anonymise(tables, key, AnonymiseSettings(k=k))
    assert result.reached
    check = verify_k_anonymity(result.frame, result.quasi_identifier_columns, MEMBER_COLUMN, k)
    assert check.ok and check.k_reached >= k


@pytest.mark.parametrize("limit", [0.0, 0.01, 0.05])
def test_suppression_limit_is_honoured(tables, key: PseudonymKey, limit: float) -> None:
    result = anonymise(tables, key, AnonymiseSettings(k=5, suppression_limit=limit))
    assert result.suppressed <= int(limit * result.records_in)


def test_internal_default_keeps_region_and_20_year_bands_on_the_sample(tables, key: PseudonymKey) -> None:
    result = anonymise(tables, key, AnonymiseSettings(k=5))
    assert result.levels["address"] in ("prefecture", "region")
    assert result.levels["age"] in ("age_5", "age_10", "age_20")
    assert result.suppressed <= 0.05 * result.records_in


def test_direct_identifiers_are_not_in_the_output(tables, key: PseudonymKey) -> None:
    frame = anonymise(tables, key, AnonymiseSettings()).frame
    members = tables["members"]
    assert not {"name_kanji", "email", "phone", "address", "birth_date", "member_id", "comment"} & set(frame.columns)
    released = set(frame.astype(str).to_numpy().ravel())
    for column in ("member_id", "name_kanji", "email", "phone", "birth_date"):
        assert not released & set(members[column]), column


def test_members_without_consent_to_analysis_are_left_out(tables, key: PseudonymKey) -> None:
    result = anonymise(tables, key, AnonymiseSettings())
    consenting = set(tables["members"].loc[tables["members"]["consent_analysis"] == "true", "member_id"])
    expected = tables["signups"]["member_id"].isin(consenting).sum()
    assert result.records_in == expected
    assert result.excluded_no_consent == len(tables["signups"]) - expected


def test_verification_detects_a_class_below_k() -> None:
    frame = pd.DataFrame({MEMBER_COLUMN: ["a", "b", "c", "a"], "area": ["x", "x", "x", "y"]})
    check = verify_k_anonymity(frame, ["area"], MEMBER_COLUMN, k=2)
    assert not check.ok and check.k_reached == 1
    assert check.smallest_classes[0] == {"area": "y", "members": 1}


def test_verification_counts_members_not_sign_ups() -> None:
    frame = pd.DataFrame({MEMBER_COLUMN: ["a"] * 5, "area": ["x"] * 5})
    assert verify_k_anonymity(frame, ["area"], MEMBER_COLUMN, k=2).k_reached == 1


def test_average_class_size_counts_members_not_rows() -> None:
    frame = pd.DataFrame({MEMBER_COLUMN: ["a", "a", "a", "b", "c", "d"], "area": ["x"] * 6})
    assert verify_k_anonymity(frame, ["area"], MEMBER_COLUMN, k=2).normalised_average_class_size == 2.0


def test_l_diversity_ignores_the_empty_outcome_of_future_events() -> None:
    frame = pd.DataFrame({MEMBER_COLUMN: ["a", "b", "c", "d"], "area": ["x"] * 4, "attended": ["true", "true", "", ""]})
    check = verify_k_anonymity(frame, ["area"], MEMBER_COLUMN, k=2, sensitive="attended")
    assert check.l_diversity == 1 and check.classes_with_one_outcome == 1


@pytest.mark.parametrize(
    ("settings_", "says"),
    [
        (AnonymiseSettings(k=1), "k must be an integer of at least 2"),
        (AnonymiseSettings(quasi_identifiers=("age", "shoe_size")), "unknown quasi-identifier(s): shoe_size"),
        (AnonymiseSettings(suppression_limit=1.5), "suppression limit"),
    ],
)
def test_bad_parameters_are_parameter_errors(settings_: AnonymiseSettings, says: str) -> None:
    with pytest.raises(ParameterError, match=says.replace("(", r"\(").replace(")", r"\)")):
        settings_.validate()


def test_missing_column_names_the_table_file(tables, tmp_path: Path) -> None:
    broken = {**tables, "members": tables["members"].drop(columns=["birth_date"])}
    with pytest.raises(InputError, match=r"members\.csv: missing column\(s\): birth_date"):
        check_columns(broken, tmp_path)


# Planning


def test_planning_tables_show_no_count_under_k(tables, key: PseudonymKey) -> None:
    result = anonymise(tables, key, AnonymiseSettings(k=5))
    planning = plan(result.frame, tables["events"], 5)
    for table in planning.all_tables().values():
        for column in ("signups", "past", "attended", "members"):
            if column in table:
                numbers = pd.to_numeric(table[column], errors="coerce").dropna()
                assert (numbers >= 5).all(), column


# The job, end to end


@pytest.mark.notebook
def test_cli_run_passes_and_writes_the_outputs(cli_run) -> None:
    out, result, _ = cli_run
    assert result.returncode == 0, result.stderr
    for name in (
        "anonymised_signups.parquet",
        "anonymised_signups.csv",
        "report.json",
        "report.html",
        "notebook.ipynb",
    ):
        assert (out / name).exists(), name
    report = json.loads((out / "report.json").read_text())
    assert report["k_reached"] >= report["k_requested"] == 5
    assert report["suppressed"] <= int(0.05 * report["records_considered"])
    assert list(out.glob("*.png")), "planning plots are saved as PNG"


@pytest.mark.notebook
def test_the_internal_notebook_shows_the_banner_in_the_runs_language(cli_run) -> None:
    out, _, _ = cli_run
    cells = json.loads((out / "notebook.ipynb").read_text(encoding="utf-8"))["cells"]
    printed = "".join("".join(o.get("text", "")) for c in cells for o in c.get("outputs", []))
    assert "このデータを第三者に提供することはできません" in printed


@pytest.mark.notebook
def test_written_file_is_verified_independently(cli_run) -> None:
    out, _, _ = cli_run
    frame = pd.read_parquet(out / "anonymised_signups.parquet")
    report = json.loads((out / "report.json").read_text())
    qis = report["verified_columns"]
    assert set(qis) <= set(frame.columns) and MEMBER_COLUMN not in qis
    assert frame.groupby(qis)[MEMBER_COLUMN].nunique().min() == report["k_reached"]


@pytest.mark.notebook
def test_key_never_appears_in_any_output(cli_run) -> None:
    out, result, _ = cli_run
    for path in out.rglob("*"):
        if path.is_file():
            assert KEY_TEXT.encode() not in path.read_bytes(), path.name
    assert KEY_TEXT not in result.stdout + result.stderr


@pytest.mark.notebook
def test_inputs_are_never_modified(cli_run, sample_dir: Path) -> None:
    _, _, before = cli_run
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_dir.glob("*.csv")}
    assert after == before


def test_key_file_option_runs_and_its_key_stays_out_of_the_run(tmp_path: Path, sample_dir: Path) -> None:
    key_file = tmp_path / "pseudonym.key"
    assert run_cli("keygen", "--out", str(key_file)).returncode == 0
    out = tmp_path / "run"
    result = run_cli("anonymise", "--data", str(sample_dir), "--key-file", str(key_file), "--out", str(out))
    assert result.returncode == 0, result.stderr
    secret = key_file.read_text().strip().encode()
    assert all(secret not in p.read_bytes() for p in out.rglob("*") if p.is_file())


def test_missing_key_exits_2_before_any_run_folder(tmp_path: Path, sample_dir: Path) -> None:
    env = {KEY_ENV: ""}
    result = run_cli("anonymise", "--data", str(sample_dir), "--out", str(tmp_path / "run"), env=env)
    assert result.returncode == 2
    assert "key" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--k", "1"], "k must be"),
        (["--quasi-identifiers", "age,shoe_size"], "unknown quasi-identifier"),
        (["--priority", "area,shoe_size"], "--priority must name attributes"),
    ],
)
def test_bad_parameters_exit_2_with_a_clear_message(sample_dir: Path, args: list[str], says: str) -> None:
    result = run_cli("anonymise", "--data", str(sample_dir), *args, env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_missing_column_exits_2_naming_the_file(tmp_path: Path, sample_dir: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("events.csv", "signups.csv"):
        (data / name).write_bytes((sample_dir / name).read_bytes())
    members = pd.read_csv(sample_dir / "members.csv", dtype=str, keep_default_na=False).drop(columns=["gender"])
    members.to_csv(data / "members.csv", index=False)
    result = run_cli("anonymise", "--data", str(data), "--out", str(tmp_path / "run"), env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 2
    assert f"{data / 'members.csv'}: missing column(s): gender" in result.stderr


def test_unreachable_k_exits_1_with_the_reason(tmp_path: Path, sample_dir: Path) -> None:
    out = tmp_path / "run"
    args = ["--k", "100000", "--suppression-limit", "0"]
    result = run_cli("anonymise", "--data", str(sample_dir), *args, "--out", str(out), env={KEY_ENV: KEY_TEXT})
    assert result.returncode == 1
    report = json.loads((out / "report.json").read_text())
    assert "not reachable" in report["reason"]
    assert not (out / "anonymised_signups.parquet").exists()


@pytest.mark.notebook
def test_executed_notebook_and_reports_hold_no_raw_personal_value(cli_run, tables) -> None:
    out, _, _ = cli_run
    members = tables["members"]
    raw = {v for c in ("name_kanji", "name_kana", "email", "phone", "address", "member_id") for v in members[c] if v}
    for name in ("notebook.ipynb", "report.html", "report.json", "anonymised_signups.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        leaked = [v for v in raw if v in text]
        assert not leaked, f"{name} holds {len(leaked)} raw values"


@pytest.mark.notebook
@pytest.mark.parametrize("name", ["anonymised_signups.parquet", "anonymised_signups.csv"])
def test_the_gate_finds_nothing_in_the_internal_output_but_its_linking_pseudonyms(cli_run, name: str) -> None:
    from indigo_review.scan import scan_path

    out, _, _ = cli_run
    result = scan_path(out / name)
    assert set(result.counts_by_entity()) == {"LINK_CODE"}, result.counts
    assert {column for _, column, _ in result.counts} == {"member_pseudonym"}
