from pathlib import Path

import pytest

from doxaudit.errors import InputError
from doxaudit.identity import build_identity, load_profile, normalize_handle


def test_valid_identity_is_normalised() -> None:
    ident = build_identity(names=["  Noor   Voorbeeld "], emails=["Noor.Voorbeeld@Example.COM"],
                           handles=["@noorvoorbeeld"], phones=["06 12345678"], city="Utrecht")
    assert ident.names == ("Noor Voorbeeld",)
    assert ident.emails == ("noor.voorbeeld@example.com",)
    assert ident.handles == ("noorvoorbeeld",)
    assert ident.phones == ("+31612345678",)


def test_duplicates_are_dropped_case_insensitively() -> None:
    ident = build_identity(handles=["Noor", "noor", "other"])
    assert ident.handles == ("Noor", "other")


@pytest.mark.parametrize("kwargs, fragment", [
    ({"emails": ["not-an-email"]}, "--email"),
    ({"emails": ["a@b"]}, "--email"),
    ({"handles": ["../etc/passwd"]}, "--handle"),
    ({"handles": ["evil.com@host"]}, "--handle"),
    ({"handles": ["a/b"]}, "--handle"),
    ({"handles": ["a?b"]}, "--handle"),
    ({"handles": ["a#b"]}, "--handle"),
    ({"handles": ["a%2Fb"]}, "--handle"),
    ({"handles": ["nооr"]}, "--handle"),  # Cyrillic look-alikes
    ({"handles": ["x" * 80]}, "--handle"),
    ({"phones": ["call me"]}, "--phone"),
    ({"phones": ["12"]}, "--phone"),
    ({"names": ["12345"]}, "--name"),
    ({"names": ["Noor\x1b[31m"]}, "--name"),
    ({"domains": ["not a domain"]}, "--domain"),
    ({"names": ["x"], "country": "Netherlands"}, "--country"),
    ({}, "at least one identifier"),
])
def test_bad_input_is_a_clear_input_error(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment.replace("?", r"\?")):
        build_identity(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("handle", ["noor", "noor.voorbeeld", "noor_v", "noor-v", "N00r"])
def test_ordinary_handles_are_accepted(handle: str) -> None:
    assert normalize_handle(handle) == handle


def test_profile_file_accepts_strings_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text('name = "Noor Voorbeeld"\nhandles = ["noor", "oldnoor"]\ncity = "Utrecht"\n', encoding="utf-8")
    data = load_profile(path)
    assert data == {"names": ["Noor Voorbeeld"], "handles": ["noor", "oldnoor"], "city": "Utrecht"}


@pytest.mark.parametrize("content, fragment", [
    ("name = ", "not valid TOML"),
    ("nickname = 'x'", "unknown field"),
    ("handles = [1, 2]", "string or a list of strings"),
])
def test_bad_profile_is_an_input_error(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "me.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        load_profile(path)


def test_missing_profile_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_profile(tmp_path / "nope.toml")
