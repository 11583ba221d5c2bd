"""A ready-to-send GDPR Article 17 erasure request for a finding about a page or profile.

The letter is built from the finding as the saved report holds it: masked values stay masked,
and whatever the user must fill in is a [placeholder]. Text comes from the message catalogs
(`letter.*`); the letter itself addresses an organisation, so the Dutch one uses "u", while
the notes to the user use "je".

Which findings get a letter:
- a page that shows the user's details (`*_in_search`): the letter goes to that site;
- a profile or account (`*_in_profile`, `public_profile`, `account`, ...): usually the user's own
  account, where changing a setting is quicker; the letter is for when they can no longer log in;
- a data breach is refused: there is no page to erase, and a letter to the breached company is a
  different letter (access, then deletion of the account), not this one;
- a derived finding about several accounts is refused: one letter per account.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError
from .i18n import t
from .render.safe import clean

PROFILE_KINDS = frozenset({"public_profile", "private_profile", "account", "gravatar_public", "city_in_profile"})
ACCOUNT_KINDS = frozenset({"account", "private_profile", "gravatar_public"})
REFUSED_KINDS = frozenset({"breach", "handle_reuse"})
LETTER_TIPS = frozenset({"contact_info", "social_visibility"})


def _kind(finding: dict[str, Any]) -> str:
    return str(finding.get("kind", ""))


def _detail(finding: dict[str, Any]) -> dict[str, Any]:
    detail = finding.get("detail")
    return detail if isinstance(detail, dict) else {}


def _url(finding: dict[str, Any]) -> str:
    return clean(finding.get("url", ""), 2000)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def letter_type(finding: dict[str, Any]) -> str | None:
    """"page" (someone else's page shows the data), "profile" (an account page), or None (no letter)."""
    kind = _kind(finding)
    if kind in REFUSED_KINDS or str(finding.get("check", "")).startswith("derived:"):
        return None
    if not _url(finding).startswith(("https://", "http://")) or not _host(_url(finding)):
        return None
    if kind.endswith("_in_search"):
        return "page"
    if kind.endswith("_in_profile") or kind in PROFILE_KINDS:
        return "profile"
    return "page" if finding.get("tip") in LETTER_TIPS else None


def refusal(finding: dict[str, Any], lang: str) -> str | None:
    """Why no letter can be written for this finding, in `lang`; None when one can."""
    if letter_type(finding) is not None:
        return None
    fid = clean(finding.get("id", ""), 40)
    detail = _detail(finding)
    if _kind(finding) == "breach":
        name = clean(detail.get("breach") or detail.get("domain") or "?", 80)
        return t("letter.refuse.breach", lang, id=fid, breach=name)
    if _kind(finding) == "handle_reuse" or str(finding.get("check", "")).startswith("derived:"):
        return t("letter.refuse.derived", lang, id=fid)
    if not _host(_url(finding)):
        return t("letter.refuse.no_url", lang, id=fid)
    return t("letter.refuse.other", lang, id=fid)


def _field_name(name: str, lang: str) -> str:
    key = f"field.{name.strip()}"
    text = t(key, lang)
    return name.strip().replace("_", " ") if text == key else text


def _what(finding: dict[str, Any], lang: str) -> str:
    """What data the page shows, in words ("my phone number"), never the value itself."""
    kind = _kind(finding)
    detail = _detail(finding)
    if kind.endswith(("_in_search", "_in_profile")):
        return t("letter.what.field", lang, field=_field_name(kind.rsplit("_in_", 1)[0], lang))
    if kind == "public_profile" and detail.get("fields"):
        fields = ", ".join(_field_name(f, lang) for f in str(detail["fields"]).split(",") if f.strip())
        return t("letter.what.fields", lang, fields=clean(fields, 300))
    return t("letter.what.generic", lang)


def letter(finding: dict[str, Any], lang: str, sender_name: str | None = None, *, masked: bool = True,
           today: date | None = None) -> str:
    """The erasure request for `finding` (a finding of the JSON report) in `lang` ("en" or "nl").

    `masked` says whether the report's values are masked: then the exact data is a placeholder
    the user fills in; otherwise the passage doxaudit saw is quoted so the site can find it.
    Raises InputError, with the reason, for a finding no such letter fits.
    """
    why_not = refusal(finding, lang)
    if why_not is not None:
        raise InputError(why_not)
    kind = letter_type(finding)
    url = _url(finding)
    host = _host(url)
    detail = _detail(finding)
    platform = clean(detail.get("platform") or host, 80)
    snippet = clean(finding.get("snippet", ""), 400).strip()
    url_line = url + (f"  {t('letter.url_masked', lang)}" if masked and "*" in url else "")
    exact = f"“{snippet}”" if snippet and not masked else t("letter.exact_placeholder", lang)
    name = clean(sender_name, 120).strip() if sender_name else ""

    paragraphs = [
        "\n".join([t("letter.subject", lang), "", t("letter.to", lang, host=host),
                   t("letter.date", lang, date=(today or date.today()).isoformat())]),
        t("letter.greeting", lang),
        t("letter.intro", lang),
        t("letter.where.page" if kind == "page" else "letter.where.profile", lang, platform=platform) + "\n" + url_line,
        t("letter.shows", lang, what=_what(finding, lang), exact=exact) if _kind(finding) not in ACCOUNT_KINDS
        else t("letter.shows_account", lang),
        t("letter.reason", lang),
    ]
    if kind == "profile":
        paragraphs.append(t("letter.own_account", lang))
    paragraphs += [
        t("letter.deadline", lang),
        t("letter.identity", lang),
        t("letter.confirm", lang, authority=t("letter.authority", lang)),
        "\n".join([t("letter.closing", lang), "", name or t("letter.name_placeholder", lang),
                   t("letter.contact_placeholder", lang)]),
    ]
    return "\n\n".join(paragraphs) + "\n"


def notes(finding: dict[str, Any], lang: str, *, masked: bool = True) -> list[str]:
    """Advice for the user that is not part of the letter (shown on stderr, never sent)."""
    kind = letter_type(finding)
    if kind is None:
        return []
    out = [t("letter.note.fill", lang), t("letter.note.send", lang, host=_host(_url(finding)))]
    snippet = clean(finding.get("snippet", ""), 400).strip()
    if masked and snippet:
        out.append(t("letter.note.seen", lang, snippet=snippet))
    if kind == "profile":
        out.append(t("letter.note.own_profile", lang))
    else:
        out.append(t("letter.note.search", lang))
    return out


def find(report: dict[str, Any], finding_id: str) -> list[dict[str, Any]]:
    """Findings of `report` whose id is `finding_id`, or starts with it (at least 4 characters)."""
    wanted = finding_id.strip().lower()
    findings = [f for f in report.get("findings", []) if isinstance(f, dict)]
    exact = [f for f in findings if str(f.get("id", "")).lower() == wanted]
    if exact or len(wanted) < 4:
        return exact
    return [f for f in findings if str(f.get("id", "")).lower().startswith(wanted)]
