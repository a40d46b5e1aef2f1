"""Helpers for the accuracy-check tests: validate a small frame with one expectation, write a clean dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from indigo_review.check import expectations  # noqa: F401  (registers the custom expectations)


def validate_one(frame: pd.DataFrame, expectation_type: str, **kwargs: Any) -> tuple[bool, list[Any]]:
    """Run one expectation on a frame in an ephemeral GX context; return success and the failing row labels."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = context.data_sources.add_pandas("t").add_dataframe_asset("t").add_batch_definition_whole_dataframe("t")
    suite = context.suites.add(
        gx.ExpectationSuite(name="t", expectations=[{"type": expectation_type, "kwargs": kwargs}])
    )
    definition = context.validation_definitions.add(gx.ValidationDefinition(name="t", data=batch, suite=suite))
    result = definition.run(batch_parameters={"dataframe": frame}, result_format="COMPLETE").results[0]
    assert not result.exception_info.get("raised_exception"), result.exception_info
    return bool(result.success), list(result.result.get("unexpected_index_list") or [])


def write_clean_dataset(folder: Path, sample_dir: Path) -> Path:
    """Three clean members and two clean events from the sample, and sign-ups that point at them."""
    folder.mkdir(parents=True, exist_ok=True)
    members = pd.read_csv(sample_dir / "members.csv", dtype=str, keep_default_na=False).head(3)
    events = pd.read_csv(sample_dir / "events.csv", dtype=str, keep_default_na=False).head(2)
    signups = pd.DataFrame(
        {
            "signup_id": ["S0000001", "S0000002", "S0000003"],
            "event_id": [events.event_id[0], events.event_id[1], events.event_id[1]],
            "member_id": [members.member_id[0], members.member_id[1], members.member_id[2]],
            "signed_up_at": ["2023-12-01T10:00:00+09:00", "2023-12-02T11:30:00+09:00", "2023-12-03T09:15:00+09:00"],
            "channel": ["web", "phone", "oral"],
            "attended": ["true", "false", "true"],
            "comment": ["", "駐車場はありますか", ""],
        }
    )
    members.to_csv(folder / "members.csv", index=False)
    events.to_csv(folder / "events.csv", index=False)
    signups.to_csv(folder / "signups.csv", index=False)
    return folder
