"""What the privacy policy says about requests (clause 8 and its annex): kinds, documents, refusal cases, purposes.

The annex lists the identity documents it accepts (for the person, and in addition for an agent) and the
seven cases in which the society may decline a request; the log and the letters use these names.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ParameterError

KINDS = {"disclosure": "開示", "correction": "訂正", "stop": "利用停止"}
REQUESTERS = {"self": "ご本人", "agent": "代理人"}
MEMBER_ID = re.compile(r"^M\d{6}$")
MEMBER_ID_FORM = "M followed by six digits, e.g. M000123"

# Documents that confirm who a person is (annex, A); an agent shows one of them for themself as well.
IDENTITY_DOCUMENTS = {
    "drivers_license": "運転免許証",
    "passport": "パスポート",
    "health_insurance_card": "健康保険証",
    "pension_book": "年金手帳",
    "residence_card": "在留カード（旧外国人登録証明書）",
}
# Documents that prove the right to act for the person (annex, B).
AGENCY_DOCUMENTS = {
    "power_of_attorney": "委任状",
    "seal_certificate": "印鑑登録証明書",
    "family_register": "戸籍謄本",
}
ID_DOCUMENTS = {**IDENTITY_DOCUMENTS, **AGENCY_DOCUMENTS}

# The annex's cases (1)-(7) in which the society may not respond, in its order.
REFUSAL_CASES = {
    "identity_not_confirmed": "ご本人であることが確認できない場合",
    "agency_not_confirmed": "代理人による申請に際して、代理権が確認できない場合",
    "documents_incomplete": "所定の申請書類に不備があった場合",
    "not_retained_personal_data": "ご請求の対象が当会の保有個人データに該当しない場合",
    "risk_to_rights": "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合",
    "business_hindrance": "当会の業務の適正な実施に著しい支障を及ぼすおそれがある場合",
    "violates_law": "他の法令に違反することとなる場合",
}

# Clause 2: the purposes of use, and clause 1: how data is collected.
PURPOSES = (
    "会員から依頼を受けた相談等の受付・処理内容を記録・整理するため",
    "今後のイベントの企画のための分析",
    "当会が保有する個人情報その他の記録の正確性を確保するため",
    "法令に基づく利用",
)
COLLECTION = ("ウェブサイト・SNS", "電子メール・郵便・電話・口頭", "その他、個人情報の受領が予定される方法")


def refusal_case(value: str) -> str:
    """The name of a refusal case given by name or by its number 1-7 in the policy."""
    names = list(REFUSAL_CASES)
    if value.isdigit() and 1 <= int(value) <= len(names):
        return names[int(value) - 1]
    if value in REFUSAL_CASES:
        return value
    raise ParameterError(None, "unknown refusal case", f"use 1-7 or one of {', '.join(names)}")


def refusal_number(case: str) -> int:
    """The case's number (1-7) in the policy."""
    return list(REFUSAL_CASES).index(case) + 1


def check_member_id(member_id: str, members_file: str | Path | None = None) -> str:
    """The member id, or a ParameterError that does not repeat it (a name typed there must not reach a log)."""
    if not MEMBER_ID.fullmatch(member_id or ""):
        raise ParameterError(
            members_file, "the member id given is not a member id of this table", f"give {MEMBER_ID_FORM}"
        )
    return member_id


def check_documents(requester: str, documents: list[str] | tuple[str, ...]) -> None:
    """The documents the annex asks for were checked: one identity document, and for an agent proof of agency."""
    if requester not in REQUESTERS:
        raise ParameterError(None, f"unknown requester '{requester}'", "use self or agent")
    unknown = sorted(set(documents) - set(ID_DOCUMENTS))
    if unknown:
        raise ParameterError(None, f"unknown identity document {', '.join(unknown)}", f"use {', '.join(ID_DOCUMENTS)}")
    if not set(documents) & set(IDENTITY_DOCUMENTS):
        raise ParameterError(
            None,
            "no identity document was recorded as checked",
            "pass --id-document (e.g. drivers_license), or refuse with --refuse identity_not_confirmed",
        )
    if requester == "agent":
        voluntary = {"power_of_attorney", "seal_certificate"} <= set(documents)
        if not voluntary and "family_register" not in documents:
            raise ParameterError(
                None,
                "an agent's request needs power_of_attorney and seal_certificate, or family_register",
                "record the documents checked, or refuse with --refuse agency_not_confirmed",
            )
