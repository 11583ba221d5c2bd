"""XML and entity tricks (issue 7): the only XML parser is defusedxml (Steam), and no HTML reader expands a
DTD's entities or reads a local file through one. The full scan path is in test_hostile_scan.py (Steam answers
with an external entity there; the secret it points to appears in no output)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from doxaudit.checks.directories import page_text as directory_text
from doxaudit.checks.extractors.common import html_text, meta_tags, script_json
from doxaudit.checks.extractors.steam import SteamProfileCheck, parse_xml
from doxaudit.checks.extractors.telegram import parse_telegram
from doxaudit.checks.search import page_text, page_title
from doxaudit.checks.search_backends import parse_ddg
from doxaudit.identity import build_identity
from doxaudit.model import Status
from tests.fixtures.hostile.world import entry
from tests.helpers import result, run_check

PACKAGE = Path(__file__).resolve().parent.parent / "doxaudit"
XML_MODULES = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml.etree", "lxml.objectify", "lxml.html", "pyexpat")


def test_defusedxml_is_the_only_xml_parser_in_the_package() -> None:
    """Every XML parse site: imports of the stdlib or lxml XML APIs (a type import is fine), and BeautifulSoup
    asked for its XML tree builder."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                if node.module == "xml.etree.ElementTree" and {a.name for a in node.names} <= {"Element"}:
                    continue  # the type of defusedxml's result, not a parser
            else:
                if isinstance(node, ast.Call) and any(isinstance(a, ast.Constant) and a.value in ("xml", "lxml-xml")
                                                      for a in node.args):
                    offenders.append(f"{path.name}:{node.lineno}: XML tree builder")
                continue
            offenders += [f"{path.name}:{node.lineno}: {n}" for n in names if n.startswith(XML_MODULES)]
    assert not offenders, offenders


def secret_file(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "secret.txt"
    path.write_text("XML-SECRET-51c0", encoding="utf-8")
    return path.resolve().as_uri(), "XML-SECRET-51c0"


ATTRIBUTE_REF = "<a b='&x;'/>"


def steam_documents(uri: str) -> list[bytes]:
    profile = "<profile><steamID64>76561190000000042</steamID64><steamID>{}</steamID><privacyState>public</privacyState>" \
              "</profile>"
    return [
        f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "{uri}">]>{profile.format("&x;")}'.encode(),
        f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY % p SYSTEM "{uri}"> %p;]>{profile.format("x")}'.encode(),
        f'<?xml version="1.0"?><!DOCTYPE p SYSTEM "{uri}">{profile.format("x")}'.encode(),
        ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "' + "A" * 10_000 + '">]>'
         + profile.format("&a;" * 1000)).encode(),  # quadratic blowup
        ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
         + profile.format("&d;&d;&d;&d;")).encode(),  # billion laughs, smaller
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p [<!ENTITY x SYSTEM "{uri}">]>{profile.format("&x;")}'
        .encode("utf-16"),  # the same, in another encoding
        f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "{uri}">]>{profile.format(ATTRIBUTE_REF)}'.encode(),
        f'<profile xmlns:xi="http://www.w3.org/2001/XInclude"><steamID64>76561190000000042</steamID64>'
        f'<steamID><xi:include href="{uri}" parse="text"/></steamID><privacyState>public</privacyState></profile>'
        .encode(),
    ]


def test_steam_refuses_every_entity_trick_and_never_reads_the_file(tmp_path: Path) -> None:
    uri, secret = secret_file(tmp_path)
    docs = steam_documents(uri)
    for doc in docs[:-1]:
        with pytest.raises(ValueError):
            parse_xml(doc)  # DTDForbidden / EntitiesForbidden / ExternalReferenceForbidden are ValueErrors
    xinclude = SteamProfileCheck("noorvoorbeeld").extract(result(200, docs[-1]))
    assert xinclude is not None and secret not in str(xinclude.fields)  # XInclude is never processed


@pytest.mark.parametrize("index", range(8))
def test_steam_check_on_entity_tricks_is_unknown_or_inert(tmp_path: Path, index: int) -> None:
    uri, secret = secret_file(tmp_path)
    check = SteamProfileCheck("noorvoorbeeld")
    out, _ = run_check(check, build_identity(handles=["noorvoorbeeld"]),
                       [entry(check.request_url(), 200, steam_documents(uri)[index], {"Content-Type": "text/xml"})])
    assert out.status in (Status.UNKNOWN, Status.FOUND), out.reason
    if out.status is Status.UNKNOWN:
        assert "unreadable" in out.reason
    assert secret not in repr(out)


def html_documents(uri: str) -> list[str]:
    body = "<p>Noor &x; &amp; 06-12345678</p><meta property='og:title' content='&x;'><title>&x;</title>"
    return [
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "{uri}">]><html><head></head><body>{body}</body></html>',
        f'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{uri}">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>',
        f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{uri}"> %p;]><html><body>{body}</body></html>',
        f'<html><body><svg><!DOCTYPE s [<!ENTITY x SYSTEM "{uri}">]><text>&x;</text></svg>{body}</body></html>',
        f'<html><body><script id="__NEXT_DATA__" type="application/json">{{"x": "&x;"}}</script>'
        f'<!DOCTYPE y [<!ENTITY x SYSTEM "{uri}">]>{body}</body></html>',
    ]


@pytest.mark.parametrize("index", range(5))
def test_no_html_reader_expands_an_entity_or_reads_a_local_file(tmp_path: Path, index: int) -> None:
    uri, secret = secret_file(tmp_path)
    doc = html_documents(uri)[index]
    outputs = [page_text(doc), page_title(doc), directory_text(doc), html_text(doc, 5000), repr(parse_ddg(doc)),
               repr(parse_telegram(doc)), repr(meta_tags(result(200, doc))), repr(script_json(result(200, doc),
                                                                                            "__NEXT_DATA__"))]
    for out in outputs:
        assert secret not in out
