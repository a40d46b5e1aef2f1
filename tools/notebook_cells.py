"""The cells of each job notebook: parameters (literals only), calls into indigo_review, tables and plots."""

NOTEBOOKS = {
    "01_anonymise_signups.ipynb": [
        (
            "md",
            "# Anonymise event sign-ups for planning\n\n"
            "Policy 2(2) and 3(1). Run by `indigo-review anonymise`; open in JupyterLab to explore.\n"
            "The pseudonymisation key is read from `INDIGO_PSEUDONYM_KEY` or `INDIGO_PSEUDONYM_KEY_FILE`, "
            "never from a parameter.",
        ),
        ("parameters", 'data_dir = "../data/sample"\nk = 5\nout_dir = "../runs/anonymise/notebook"'),
        (
            "code",
            "from indigo_review.io import read_dataset\n"
            "from indigo_review.preview import finish_unbuilt, overview\n\n"
            'tables = read_dataset(data_dir, ["members", "events", "signups"])\n'
            "overview(tables)",
        ),
        ("code", 'result = finish_unbuilt(out_dir, "anonymise", "report.json", tables)\nresult["summary"]'),
    ],
    "02_check_accuracy.ipynb": [
        (
            "md",
            "# Check record accuracy\n\nPolicy 2(3). Run by `indigo-review check`, e.g. from cron. "
            "The Great Expectations suites in `expectations/` run on members, events and sign-ups; "
            "exit 0 all passed, 1 an expectation failed, 2 the check could not run.\n\n"
            "`history_path = None` means `history.sqlite` two folders above the run folder "
            "(`runs/history.sqlite`); `reference_date = None` means today in Japan.",
        ),
        (
            "parameters",
            'data_dir = "../data/sample"\nsuites_dir = "../expectations"\nout_dir = "../runs/check/notebook"\n'
            "history_path = None\nreference_date = None",
        ),
        (
            "code",
            "from indigo_review.accuracy_check import failing_by_rule, run_check\n"
            "from indigo_review.accuracy_history import plot_trend\n\n"
            "check = run_check(data_dir, suites_dir, out_dir, history_path=history_path, "
            "reference_date=reference_date)\n"
            'check.result["summary"]',
        ),
        (
            "md",
            "## Failed expectations\n\n`mostly` is honoured: an expectation passes when enough rows meet it.",
        ),
        ("code", 'check.summary[~check.summary["passed"]]'),
        ("md", "## Failing records\n\nValues are masked; ids are shown so the records can be found and fixed."),
        ("code", "failing_by_rule(check.failing)"),
        ("code", "check.failing.head(50)"),
        ("md", "## Trend\n\nOne point per run from the history database. Full GX results: `data_docs/index.html`."),
        ("code", "plot_trend(check.history);"),
    ],
    "03_scan_export.ipynb": [
        (
            "md",
            "# Scan an export before release\n\nPolicy 3, 4 and 7. Run by `indigo-review scan`. "
            "PASS, BLOCK, or ERROR when the file cannot be read in full (ERROR blocks release).",
        ),
        (
            "parameters",
            'path = "../data/sample/exports/planning_export.csv"\nallow_columns = []\n'
            'allow_entities = []\nout_dir = "../runs/scan/notebook"',
        ),
        (
            "code",
            "from indigo_review.io import read_table\n"
            "from indigo_review.preview import finish_unbuilt, overview\n\n"
            "table = read_table(path)\n"
            "overview(table.sheets)",
        ),
        ("code", 'result = finish_unbuilt(out_dir, "scan", "scan.json", table.sheets)\nresult["summary"]'),
    ],
}
