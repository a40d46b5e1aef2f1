"""The answer for the member: their data as formula-safe CSV and a letter in Japanese, in a private folder.

Everything here holds the member's own values, so it is written only inside `answer/` of the run folder
(directory 0700, files 0600); any other person a record names is masked before it gets here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape

from ..output import atomic_write_text, write_safe_csv
from ..scan import find_entities_in
from .finding import EVENTS, MEMBERS, SIGNUPS, Holdings, Identity, mask_others
from .labels import japanese_date, labels
from .policy import COLLECTION, KINDS, PURPOSES, REFUSAL_CASES, REQUESTERS, refusal_number

ANSWER_DIR = "answer"
LETTER = "letter.html"
# Columns that hold the society's identifiers or event facts: nobody else's data can be in them.
_NOT_PERSONAL = {"event_title", "event_starts_at", "signed_up_at", "channel", "attended"}
# The CSV files of the answer keep the data as held (column names and codes); the letter explains them.
_EXPLAINED = (
    "CSVファイルは、当会が保有している形のまま（項目名・値とも）お送りします。日付は「2024-02-21」、日時は"
    "「2024-02-21T10:30:00+09:00」（+09:00 は日本時間）の形で記録しています。各項目と値の意味は次のとおりです。"
)


@dataclass
class Letter:
    """What the letter says; rendered to HTML with every value escaped."""

    title: str
    request_id: str
    received: date
    kind: str
    requester: str
    addressee: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    show_purposes: bool = True
    # Columns of the CSV files sent with the letter, explained at its end.
    csv_columns: list[str] = field(default_factory=list)


_TEMPLATE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.9em; margin-bottom: 1em; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f3f3; } .meta { color: #555; }
@page { size: A4; margin: 15mm; } @media print { body { margin: 0; font-size: 10pt; } tr { page-break-inside: avoid; } }
</style></head><body>
<p class="meta">受付番号 {{ request_id }} ・ 受付日 {{ received }} ・ ご請求の種類 {{ kind }}
・ ご請求者 {{ requester }}</p>
<p>{{ addressee }}</p>
<h1>{{ title }}</h1>
{% for p in paragraphs %}<p>{{ p }}</p>
{% endfor %}
{% for heading, table in tables %}<h2>{{ heading }}</h2>
{{ table | safe }}
{% endfor %}
{% if glossary %}<h2>同封のCSVファイルの読み方</h2>
<p>{{ explained }}</p>
{{ glossary | safe }}{% endif %}
{% if show_purposes %}<h2>利用目的（プライバシーポリシー第2条）</h2>
<ol>{% for p in purposes %}<li>{{ p }}</li>{% endfor %}</ol>
<h2>取得の方法（同第1条）</h2>
<ul>{% for c in collection %}<li>{{ c }}</li>{% endfor %}</ul>
<h2>訂正・利用停止のご請求について</h2>
<p>内容の訂正、追加、削除または利用の停止をご希望の場合は、所定の申請書に対象の項目と訂正後の内容をご記入のうえ、
本人確認書類（運転免許証、パスポート、健康保険証、年金手帳、在留カードのいずれかの写し）を添えて郵送してください。
代理人によるご請求の場合は、委任状と印鑑登録証明書（または戸籍謄本）もあわせてお送りください。</p>{% endif %}
<p>indiGO 個人情報管理責任者</p>
</body></html>
"""
_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def answer_dir(run_dir: str | Path) -> Path:
    """The run folder's answer/ folder, created readable by its owner only."""
    path = Path(run_dir) / ANSWER_DIR
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def write_private_csv(path: Path, frame: pd.DataFrame) -> Path:
    """A formula-safe CSV only its owner can read."""
    write_safe_csv(path, frame)
    os.chmod(path, 0o600)
    return path


def write_letter(folder: Path, letter: Letter) -> Path:
    """letter.html in the answer folder, only its owner can read."""
    words = labels("ja")
    html = _ENV.from_string(_TEMPLATE).render(
        title=letter.title,
        request_id=letter.request_id,
        received=japanese_date(letter.received.isoformat()),
        kind=KINDS.get(letter.kind, letter.kind),
        requester=REQUESTERS.get(letter.requester, letter.requester),
        addressee=letter.addressee,
        paragraphs=letter.paragraphs,
        tables=[(h, _html(words.frame(t))) for h, t in letter.tables],
        glossary=_html(words.glossary(letter.csv_columns)) if letter.csv_columns else "",
        explained=_EXPLAINED,
        show_purposes=letter.show_purposes,
        purposes=PURPOSES,
        collection=COLLECTION,
    )
    path = atomic_write_text(folder / LETTER, html)
    os.chmod(path, 0o600)
    return path


def _html(frame: pd.DataFrame) -> str:
    """A table for the letter, every value escaped, empty cells left empty."""
    return frame.fillna("").to_html(index=False, escape=True, border=0)


def addressee(holdings: Holdings | None) -> str:
    """The member's name as the letter's addressee, or a neutral one when the member is not on record."""
    if holdings is not None and len(holdings.member) and "name_kanji" in holdings.member.columns:
        return f"{holdings.member.iloc[0]['name_kanji']} 様"
    return "ご請求者 様"


def masked_for_others(frame: pd.DataFrame, identity: Identity) -> pd.DataFrame:
    """The member's own rows with anything that names another person masked (a companion named in a comment)."""
    out = frame.copy()
    columns = [c for c in out.columns if c not in _NOT_PERSONAL and not (c == "id" or c.endswith("_id"))]
    for column in columns:
        values = out[column].astype("str")
        distinct = [v for v in values.unique() if v.strip()]
        spans = dict(zip(distinct, find_entities_in(distinct), strict=True))
        out[column] = values.map(lambda v, s=spans: mask_others(v, identity, s[v]) if v in s else v)
    return out


def member_row_table(holdings: Holdings) -> pd.DataFrame:
    """The member's row as item / value pairs, in words (男性, 同意あり, 2019年10月18日)."""
    words = labels("ja")
    row = holdings.member.iloc[0]
    return pd.DataFrame(
        {"項目": [words.column(c) for c in row.index], "内容": [words.value(c, v) for c, v in row.items()]}
    )


def write_disclosure(folder: Path, holdings: Holdings, letter: Letter) -> list[str]:
    """Every table's rows about the member, the mentions of them, and the letter; return the files written."""
    identity = holdings.identity or Identity(holdings.member_id)
    written = []
    if len(holdings.member):
        write_private_csv(folder / f"{MEMBERS}.csv", holdings.member)
        written.append(f"{MEMBERS}.csv")
        letter.tables.append(("会員情報", member_row_table(holdings)))
        letter.csv_columns += list(holdings.member.columns)
    signups = masked_for_others(holdings.signups, identity)
    if len(signups):
        write_private_csv(folder / f"{SIGNUPS}.csv", signups)
        written.append(f"{SIGNUPS}.csv")
        shown = [
            c for c in ("signup_id", "event_title", "event_starts_at", "signed_up_at", "channel", "attended", "comment")
        ]
        letter.tables.append(
            (f"イベントへのお申し込み（{len(signups)}件）", signups[[c for c in shown if c in signups]])
        )
        letter.csv_columns += list(signups.columns)
    for name, frame in holdings.other_tables.items():
        if frame.empty:
            continue
        masked = masked_for_others(frame, identity)
        write_private_csv(folder / f"{name}.csv", masked)
        written.append(f"{name}.csv")
        letter.tables.append((f"{labels('ja').table(name)}（{len(masked)}件）", masked))
        letter.csv_columns += list(masked.columns)
    mentions = holdings.mentions
    columns = ["table", "record_id", "column", "match", "masked_text"]
    certain = mentions[mentions["certain"]] if len(mentions) else mentions
    if len(certain):
        out = certain[columns].rename(columns={"masked_text": "text"})
        write_private_csv(folder / "mentions.csv", out)
        written.append("mentions.csv")
        letter.tables.append(
            (
                f"他の記録の中でお名前・ご連絡先に触れている箇所（{len(out)}件、他の方の情報は伏せています）",
                out.assign(table=out["table"].map(labels("ja").table), column=out["column"].map(labels("ja").column)),
            )
        )
        letter.csv_columns += list(out.columns)
    unsure = mentions[~mentions["certain"]] if len(mentions) else mentions
    if len(unsure):
        # Surname only: many members share it; the handler confirms each before it is sent, so not in the letter.
        write_private_csv(folder / "to_confirm.csv", unsure[columns].rename(columns={"masked_text": "text"}))
        written.append("to_confirm.csv")
    letter.paragraphs.append(
        "当会が保有しているあなたの個人データは次のとおりです。同じ内容をCSVファイルでもお送りします。"
        "他の会員の方の情報が含まれる箇所は伏せ字にしています。"
    )
    write_letter(folder, letter)
    return [*written, LETTER]


def write_refusal(folder: Path, letter: Letter, case: str) -> list[str]:
    """The letter saying the request cannot be answered, naming the policy's case."""
    letter.title = "ご請求にお応えできない旨のご通知"
    letter.show_purposes = False
    letter.paragraphs.append(
        f"誠に恐れ入りますが、今回のご請求には、当会プライバシーポリシー「個人情報に関するお問い合わせについて」の"
        f"「ご請求にお応えできない場合」({refusal_number(case)}) {REFUSAL_CASES[case]} に該当するため、"
        "お応えできません。"
    )
    write_letter(folder, letter)
    return [LETTER]


def write_nothing_held(folder: Path, letter: Letter) -> list[str]:
    """The letter saying no personal data is held under that member id."""
    letter.paragraphs.append("ご請求の会員番号について、当会が保有している個人データはありませんでした。")
    write_letter(folder, letter)
    return [LETTER]


def write_stop(folder: Path, holdings: Holdings, letter: Letter) -> list[str]:
    """The letter confirming that use of the member's data has stopped, listing where it is held."""
    words = labels("ja")
    counts = pd.DataFrame(
        [{"記録": words.table(name), "件数": n} for name, n in holdings.counts().items() if n and name != EVENTS]
    )
    letter.paragraphs.append(
        "ご請求に基づき、あなたの個人データを今後のイベント企画のための分析および第三者への提供に利用しないよう、"
        "利用停止の対象として登録しました。法令に基づき保存が必要な記録は引き続き保管いたします。"
    )
    letter.tables.append(("利用停止の対象となる記録", counts))
    write_letter(folder, letter)
    return [LETTER]
