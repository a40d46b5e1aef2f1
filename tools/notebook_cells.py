"""The cells of each job notebook: parameters (literals only), calls into indigo_review, tables and plots."""

NOTEBOOKS = {
    "01_anonymise_signups.ipynb": [
        (
            "md",
            "# イベント申込みデータの匿名化 / Anonymise event sign-ups for planning\n\n"
            "Policy 2(2), 3(1) and 8. Run by `indigo-review anonymise`; open in JupyterLab to explore.\n"
            "`release` is `internal` (keyed pseudonyms, 仮名加工情報: may not be given to a third party) or "
            "`third-party` (no member link, every released combination shared by k members, 匿名加工情報).\n"
            "The pseudonymisation key (internal only) is read from `INDIGO_PSEUDONYM_KEY` or "
            "`INDIGO_PSEUDONYM_KEY_FILE`, never from a parameter. `quasi_identifiers` and `priority` "
            "(attributes to keep detailed first) left empty take the release kind's defaults; `stop_list` empty "
            "is read from the workspace (`workspace` empty: `INDIGO_HOME`, else the per-user data folder).\n"
            "`l_diversity`: outcomes every released class must show; `exclude_status`: member statuses left out; "
            "`population` and `period`: a third-party release's place in the release history (periods released "
            "before are released again unchanged); `dp_epsilon` > 0 also publishes differentially private planning "
            "tables, spending ε from the population's yearly budget (`dp_budget_per_year`) in the provision ledger.",
        ),
        (
            "parameters",
            'data = "../data/sample"\n'
            "k = 5\n"
            "quasi_identifiers = []\n"
            "suppression_limit = 0.05\n"
            'release = "internal"\n'
            "priority = []\n"
            "l_diversity = 2\n"
            "exclude_status = []\n"
            'population = "members"\n'
            'period = ""\n'
            "dp_epsilon = 0.0\n"
            "dp_budget_per_year = 4.0\n"
            "dp_max_signups = 10\n"
            'lang = ""\nworkspace = ""\n'
            'out_dir = "../runs/anonymise/notebook"',
        ),
        (
            "code",
            "from pathlib import Path\n\n"
            "import pandas as pd\n"
            "from IPython.display import HTML, Image, display\n\n"
            "from indigo_review.anonymise import AnonymiseSettings, run\n"
            "from indigo_review.report import verdict_html\n\n"
            "Path(out_dir).mkdir(parents=True, exist_ok=True)\n"
            "outcome = run(AnonymiseSettings.from_parameters(globals()), out_dir)\n"
            "job = outcome.detail\n"
            "print(job.banner if job is not None else outcome.summary)\n"
            'print(outcome.result.get("risk_statement", outcome.result.get("reason", "")))\n'
            "HTML(verdict_html(Path(out_dir) / 'report.html'))",
        ),
        ("md", "## 保証・会員ごとの保護・情報の損失 / Guarantee, protection per member and information loss"),
        (
            "code",
            'keys = ["release", "k_requested", "k_reached", "records_considered", "stopped_members_left_out",\n'
            '        "excluded_without_consent", "suppressed", "dropped"]\n'
            'display(pd.Series({key: outcome.result.get(key) for key in keys}, name="value").to_frame())\n'
            'display(pd.Series(outcome.result.get("protection_per_member", {}), name="value").to_frame())\n'
            'loss = outcome.result["information_loss"]\n'
            'pd.DataFrame({"level": loss["levels_by_attribute"], "loss": loss["loss_by_attribute"]})',
        ),
        (
            "md",
            "## 情報の項目と個人情報保護法施行規則34条 / "
            "Information items and APPI Rules Art. 34 (third-party releases)",
        ),
        (
            "code",
            'display(pd.DataFrame(outcome.result.get("information_items", [])))\n'
            'pd.DataFrame(outcome.result.get("appi_rule_34", []))',
        ),
        ("code", 'pd.DataFrame(outcome.result.get("smallest_classes", []))'),
        ("md", "## 匿名化したデータ（先頭） / Anonymised data (first rows)"),
        ("code", "job.anonymised.frame.head(10) if job is not None else None"),
        ("md", "## 企画用の集計（k 未満は `<k`） / Planning (counts under k shown as `<k`)"),
        (
            "code",
            "if job is None or job.planning is None:\n"
            '    print("no anonymised data (k not reached, or the release was refused): no planning analysis")\n'
            "else:\n"
            "    display(job.planning.overview)\n"
            "    for name, table in job.planning.all_tables().items():\n"
            "        print(name)\n"
            "        display(table)",
        ),
        (
            "code",
            "for file_name in (job.plots if job is not None else {}).values():\n"
            "    display(Image(filename=str(Path(out_dir) / file_name)))",
        ),
    ],
    "02_check_accuracy.ipynb": [
        (
            "md",
            "# 会員記録の正確性チェック / Check record accuracy\n\n"
            "Policy 2(3). Run by `indigo-review check`, e.g. from cron. "
            "The Great Expectations suites in `expectations/` run on members, events and sign-ups; "
            "exit 0 all passed, 1 an expectation failed, 2 the check could not run.\n\n"
            "The run history lives in the workspace (`workspace` empty: `INDIGO_HOME`, else the per-user data "
            "folder); `suites` empty means the suites shipped with indigo-review; `as_of` empty means today in "
            "Japan.",
        ),
        (
            "parameters",
            'data = "../data/sample"\nsuites = ""\nas_of = ""\nlang = ""\nworkspace = ""\n'
            'out_dir = "../runs/check/notebook"',
        ),
        (
            "code",
            "from pathlib import Path\n\n"
            "from IPython.display import HTML, Image\n\n"
            "from indigo_review.check import CheckSettings, failing_by_rule, run\n"
            "from indigo_review.report import verdict_html\n\n"
            "outcome = run(CheckSettings.from_parameters(globals()), out_dir)\n"
            "check = outcome.detail\n"
            "HTML(verdict_html(Path(out_dir) / 'report.html'))",
        ),
        (
            "md",
            "## Failed expectations\n\n`mostly` is honoured: an expectation passes when enough rows meet it.",
        ),
        ("code", 'check.summary[~check.summary["passed"]]'),
        (
            "md",
            "## 不適合レコード / Failing records\n\n"
            "Each finding names its kind of defect; values are masked to their shape "
            "(`x@@x.x`); ids are shown so the records can be found and fixed.",
        ),
        ("code", "failing_by_rule(check.failing)"),
        ("code", 'check.failing.groupby(["defect", "description"]).size()'),
        ("code", "check.failing.head(50)"),
        (
            "md",
            "## 重複の可能性が高い会員 / Likely duplicate members\n\n"
            "Record linkage: each pair's score and the fields that agree.",
        ),
        ("code", "check.duplicates"),
        ("md", "## 網羅性 / Coverage\n\nEvery column of the three tables and the rules on it."),
        ("code", "check.coverage"),
        (
            "md",
            "## 推移 / Trend\n\nOne point per run and suite from the history database. Every rule in words with "
            "its result: `data_docs/index.html`.",
        ),
        ("code", "Image(filename=str(Path(out_dir) / 'trend.png'))"),
    ],
    "03_scan_export.ipynb": [
        (
            "md",
            "# 提供前のファイル検査 / Scan an export before release\n\nPolicy 3, 4 and 7. Run by `indigo-review scan`. "
            "PASS, BLOCK, or ERROR when a file cannot be read in full (ERROR blocks release); every file of a "
            "folder is scanned or listed as not scanned, with its reason. "
            "Evidence is masked; no raw value is shown here or written to the run folder.",
        ),
        (
            "parameters",
            'paths = ["../data/sample/exports/planning_export.csv"]\nallow_columns = []\n'
            'allow_entities = []\npolicy_path = ""\nscheduler = ""\nworkers = None\nconnect_timeout = 10.0\n'
            'members = ""\nskip_unsupported = False\nlang = ""\nworkspace = ""\nout_dir = "../runs/scan/notebook"',
        ),
        (
            "code",
            "from pathlib import Path\n\n"
            "from IPython.display import HTML\n\n"
            "from indigo_review.report import verdict_html\n"
            "from indigo_review.scan import ScanSettings, run\n\n"
            "outcome = run(ScanSettings.from_parameters(globals()), out_dir)\n"
            "batch = outcome.detail\n"
            "HTML(verdict_html(Path(out_dir) / 'report.html'))",
        ),
        ("md", "## ファイル（悪い順） / Files, worst first"),
        ("code", "batch.files()"),
        (
            "md",
            "## 検査しなかったファイル / Files not scanned\n\n"
            "Operating-system and editor files, and (with `skip_unsupported`) files the "
            "scan cannot read, each with its reason.",
        ),
        ("code", "batch.skipped_files()"),
        (
            "md",
            "## 判定を決めたファイルの列 / Columns of the file that decided the verdict\n\n"
            "What each column's header and values say.",
        ),
        ("code", "batch.worst().column_summary() if batch.results else 'no file was scanned'"),
        ("md", "## 項目ごとの検出数 / Findings per item of personal data"),
        (
            "code",
            "from IPython.display import Image, display\n\n"
            "chart = Path(out_dir) / 'findings_per_item.png'\n"
            "display(Image(filename=str(chart))) if chart.exists() else print('no findings / 検出なし')",
        ),
        ("md", "## 最初の検出（伏せ字） / First findings (masked evidence)"),
        ("code", "batch.findings.head(20)"),
    ],
    "04_release.ipynb": [
        (
            "md",
            "# 第三者への提供と記録 / Release a file to a third party and record it\n\n"
            "Policy 3, 4 and 7; APPI Art. 27–29. Run by `indigo-review release`. The scan runs first; then the "
            "rule of the legal basis decides: released (exit 0) or refused (exit 1), and either way the decision "
            "is appended to the hash-chained provision ledger. Member ids are the only member values shown.\n\n"
            "The stop list and the ledger are the workspace's (`workspace` empty: `INDIGO_HOME`, else the per-user "
            "data folder).",
        ),
        (
            "parameters",
            'path = "../data/sample/exports/planning_export.csv"\n'
            'recipient = "会場運営株式会社"\n'
            'basis = "anonymous"\n'
            'recipient_address = ""\n'
            'recipient_representative = ""\n'
            'contract = ""\n'
            'legal_basis = ""\n'
            'shared_use_path = ""\n'
            'members_dir = ""\n'
            "allow_entities = []\n"
            'lang = ""\nworkspace = ""\n'
            'out_dir = "../runs/release/notebook"',
        ),
        (
            "code",
            "from pathlib import Path\n\n"
            "import pandas as pd\n"
            "from IPython.display import HTML\n\n"
            "from indigo_review.release import ReleaseSettings, run\n"
            "from indigo_review.report import verdict_html\n\n"
            "Path(out_dir).mkdir(parents=True, exist_ok=True)\n"
            "outcome = run(ReleaseSettings.from_parameters(globals()), out_dir)\n"
            "release = outcome.detail\n"
            "HTML(verdict_html(Path(out_dir) / 'release.html'))",
        ),
        ("md", "## 記録簿に記録される内容 / What the ledger records"),
        (
            "code",
            'keys = ["status", "basis", "provided_on", "file", "sha256", "scan_verdict", "person_count"]\n'
            "shown = {key: outcome.result[key] for key in keys}\n"
            'shown.update({f"recipient {k}": v for k, v in outcome.result["recipient"].items()})\n'
            'shown.update({k: str(v) for k, v in outcome.result["details"].items()})\n'
            'pd.Series(shown, name="value").to_frame()',
        ),
        ("md", "## 検査で見つかった個人データの項目 / Items of personal data the scan found (columns and entities)"),
        ("code", "release.items()"),
        ("md", "## 提供を止める会員（会員番号のみ） / Members who stop the release (ids only)"),
        ("code", "release.refused_members()"),
        ("md", "## 記録簿の記載 / Ledger entry"),
        (
            "code",
            'pd.Series({k: release.entry[k] for k in ("seq", "recorded_at", "outcome", "prev_hash", "hash")}, '
            'name="value").to_frame()',
        ),
    ],
    "05_member_request.ipynb": [
        (
            "md",
            "# 会員からの請求への対応 / Answer a member's request\n\n"
            "Policy 8. Run by `indigo-review request`. Finds everything held about "
            "one member (their row, sign-ups, rows in other tables, mentions in other records' text), writes the "
            "answer for the member into `answer/` (readable by its owner only) and logs the request.\n\n"
            "This notebook shows counts and masked values only: the member's own values are in `answer/`.",
        ),
        (
            "parameters",
            'kind = "disclosure"\nmember_id = "M000001"\ndata = "../data/sample"\n'
            'received = ""\nrequester = "self"\n'
            'id_documents = ["drivers_license"]\nrefuse = ""\ndue_days = 14\nchanges_path = ""\n'
            'suites = ""\nlang = ""\nworkspace = ""\nout_dir = "../runs/request/notebook"',
        ),
        (
            "code",
            "from pathlib import Path\n\n"
            "from IPython.display import HTML\n\n"
            "from indigo_review.report import verdict_html\n"
            "from indigo_review.requests import RequestSettings, run\n\n"
            "outcome = run(RequestSettings.from_parameters(globals()), out_dir)\n"
            "request = outcome.detail\n"
            "HTML(verdict_html(Path(out_dir) / 'report.html'))",
        ),
        ("md", "## テーブルごとの保有記録 / Records held per table"),
        ("code", "request.counts()"),
        (
            "md",
            "## 他の記録での言及（伏せ字） / Mentions in other records (masked)\n\n"
            "A surname alone is shared by many members: those mentions "
            "are listed in `answer/to_confirm.csv` for the person handling the request to confirm before sending.",
        ),
        ("code", "request.masked_mentions()"),
        ("md", "## 請求 / Request"),
        (
            "code",
            'keys = ["request_id", "status", "received", "due", "requester", "id_documents", "refusal_case",\n'
            '        "answer_files"]\n'
            "{key: outcome.result.get(key) for key in keys}",
        ),
    ],
}
