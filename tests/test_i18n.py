"""The message catalogs are complete in both languages, and the placeholders agree."""

import json
import re
import string
from pathlib import Path

import pytest

from doxaudit.i18n import LANGS, catalog, t

LOCALES = Path(__file__).resolve().parent.parent / "doxaudit" / "locales"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_every_language() -> None:
    keys = {lang: set(catalog(lang)) for lang in LANGS}
    for lang in LANGS:
        for other in LANGS:
            missing = keys[other] - keys[lang]
            assert not missing, f"{lang} lacks {sorted(missing)[:10]}"


def test_placeholders_agree_between_languages() -> None:
    en = catalog("en")
    for lang in LANGS:
        for key, text in catalog(lang).items():
            assert placeholders(text) == placeholders(en[key]), (lang, key)


def test_each_area_file_exists_in_both_languages() -> None:
    areas = {lang: {p.name for p in (LOCALES / lang).glob("*.json")} for lang in LANGS}
    assert areas["en"] == areas["nl"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_messages(lang: str) -> None:
    assert all(isinstance(v, str) and v.strip() for v in catalog(lang).values())


def test_dutch_messages_are_not_english_copies() -> None:
    en, nl = catalog("en"), catalog("nl")
    same = [k for k in en if en[k] == nl[k] and len(re.findall(r"[a-z]{4,}", en[k])) >= 3]
    assert not same, same[:10]


def test_unknown_key_falls_back_to_the_key_itself() -> None:
    assert t("no.such.key", "nl") == "no.such.key"


def test_files_are_valid_json_objects_of_strings() -> None:
    for path in LOCALES.glob("*/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and all(isinstance(v, str) for v in data.values()), path


def test_common_reasons_are_translated_for_dutch_reports() -> None:
    from doxaudit.reasons import localize
    assert localize("rate limited (HTTP 429)", "nl") == "te veel verzoeken (HTTP 429)"
    assert localize("unexpected answer (HTTP 502)", "nl") == "onverwacht antwoord (HTTP 502)"
    assert localize("connection failed: [Errno 111] refused", "nl") == "verbinding mislukt"
    assert localize("no Reddit account with this handle", "nl") == "geen Reddit-account met deze gebruikersnaam"
    assert localize("something nobody planned for", "nl") == "something nobody planned for"
    assert localize("rate limited (HTTP 429)", "en") == "rate limited (HTTP 429)"


def test_dutch_demo_report_has_no_english_coverage_reasons() -> None:
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "doxaudit", "demo", "--lang", "nl", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(proc.stdout)
    english = {"rate limited", "connection failed", "unexpected answer", "timeout"}
    assert report["coverage"]["reasons"]
    for reason in report["coverage"]["reasons"]:
        assert reason != "captcha" and not any(word in reason for word in english), reason
