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
        ("md", "# Check record accuracy\n\nPolicy 2(3). Run by `indigo-review check`, e.g. from cron."),
        (
            "parameters",
            'data_dir = "../data/sample"\nsuites_dir = "../expectations"\nout_dir = "../runs/check/notebook"',
        ),
        (
            "code",
            "from indigo_review.io import read_dataset\n"
            "from indigo_review.preview import finish_unbuilt, overview\n\n"
            'tables = read_dataset(data_dir, ["members", "events", "signups"])\n'
            "overview(tables)",
        ),
        ("code", 'result = finish_unbuilt(out_dir, "check", "results.json", tables)\nresult["summary"]'),
    ],
    "03_scan_export.ipynb": [
        (
            "md",
            "# Scan an export before release\n\nPolicy 3, 4 and 7. Run by `indigo-review scan`. "
            "PASS, BLOCK, or ERROR when the file cannot be read in full (ERROR blocks release). "
            "Evidence is masked; no raw value is shown here or written to the run folder.",
        ),
        (
            "parameters",
            'path = "../data/sample/exports/planning_export.csv"\nallow_columns = []\n'
            'allow_entities = []\npolicy_path = ""\nout_dir = "../runs/scan/notebook"',
        ),
        (
            "code",
            "from indigo_review.scan import raise_for_error, run_scan\n\n"
            "result = run_scan(path, out_dir, allow_columns, allow_entities, policy_path or None)\n"
            "print(result.verdict, result.summary)",
        ),
        ("md", "## Columns\n\nWhat each column's header and values say it holds, and what was found in it."),
        ("code", "result.column_summary()"),
        ("md", "## Findings per entity"),
        (
            "code",
            "import matplotlib.pyplot as plt\n"
            "import matplotlib_fontja  # noqa: F401  (Japanese column names in plots)\n\n"
            "counts = result.counts_by_entity()\n"
            "fig, ax = plt.subplots(figsize=(7, 3))\n"
            "ax.barh(list(counts) or ['(none)'], list(counts.values()) or [0], color='#c0392b')\n"
            "ax.set_xlabel('findings')\n"
            "ax.set_title(f'{result.path.name}: {result.verdict}')\n"
            "plt.tight_layout()\n"
            "plt.show()",
        ),
        ("md", "## First findings (masked evidence)"),
        ("code", "result.findings.head(20)"),
        (
            "code",
            "# An ERROR verdict is re-raised so the command exits 2 with one line naming the file.\n"
            "raise_for_error(result)",
        ),
    ],
}
