"""PERSON in free text with GiNZA: names with and without honorifics, and what is not a person."""

from __future__ import annotations

import pytest

from indigo_review.scan.ner import analyse_texts


def names(text: str) -> set[str]:
    return {text[s.start : s.end] for s in analyse_texts([text])[0] if s.entity == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("高橋太郎様より電話で問い合わせあり", "高橋太郎"),
        ("田中さんの紹介で入会", "田中"),
        ("久保先生に連絡", "久保"),
        ("千葉様の代理で申し込みます", "千葉"),
        ("林様より電話で問い合わせあり", "林"),
        ("近藤様 ayaka-kon180@mail.example.ne.jp へ案内送付", "近藤"),
        ("佐藤花子 欠席", "佐藤花子"),
        ("タカハシ タロウ", "タカハシ タロウ"),
    ],
)
def test_names_with_or_without_honorifics_are_found(ginza, text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "山田製作所様へ見学のお礼状を送付済み",
        "鈴木酒造の見学を希望",
        "高橋印刷 工場見学",
        "徳川家康の講座に興味あり",
        "歴史講座「坂本龍馬と幕末の志士」",
        "受付担当に確認",
        "事務局長に確認",
        "お客様へご案内",
        "皆様よろしくお願いします",
        "ワークショップ",
    ],
)
def test_companies_famous_figures_titles_and_roles_are_not_people(ginza, text: str) -> None:
    assert names(text) == set()


def test_a_name_inside_an_email_address_is_not_a_separate_name(ginza) -> None:
    assert not any("ayaka" in n for n in names("近藤様 ayaka-kon180@mail.example.ne.jp へ案内送付"))


def test_texts_are_analysed_in_one_batch_in_order(ginza) -> None:
    texts = ["特になし", "田中さんと参加します", "会場までバスで来場"]
    assert [bool(spans) for spans in analyse_texts(texts)] == [False, True, False]
