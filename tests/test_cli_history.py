"""history, diff, letter and tips as a person uses them: in-process through Typer, and through `cli.main`
in a subprocess where the exit code and the one-line error matter."""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from doxaudit import cli_history, history
from doxaudit.i18n import catalog

# Runs the real entry point (`cli.main`: one line and exit 2 for a DoxauditError) with these commands
# registered, whether or not cli.py registers them itself yet.
MAIN = (
    "import sys\n"
    "from doxaudit import cli, cli_history\n"
    "if not any(c.callback is cli_history.history for c in cli.app.registered_commands):\n"
    "    cli_history.register(cli.app)\n"
    "sys.argv = ['doxaudit', *sys.argv[1:]]\n"
    "cli.main()\n"
)
REAL = ("Noor Voorbeeld", "noor.voorbeeld@", "12345678", "Voorbeeldstraat", "Utrecht")


@pytest.fixture(scope="session")
def demo_json(tmp_path_factory: pytest.TempPathFactory) -> str:
    data_dir = tmp_path_factory.mktemp("demo-data")
    proc = subprocess.run([sys.executable, "-m", "doxaudit", "demo", "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, history.ENV_DATA_DIR: str(data_dir)})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv(history.ENV_DATA_DIR, str(path))
    monkeypatch.setenv("COLUMNS", "120")
    return path


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None)
    cli_history.register(app)
    return app


def invoke(app: typer.Typer, *args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=True)


def main(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, history.ENV_DATA_DIR: str(data_dir), "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def two_scans(data_dir: Path, demo_json: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two saved scans that differ: a phone number gone from a page, the address on a new page, a better score."""
    old = json.loads(demo_json)
    new = copy.deepcopy(old)
    phone = next(f for f in new["findings"] if f["kind"] == "phone_in_search")
    new["findings"].remove(phone)
    address = next(f for f in new["findings"] if f["kind"] == "address_in_search")
    new["findings"].append({**address, "id": "feedfacecafe0001", "url": "https://nieuw.example.org/buren"})
    next(t for t in new["tips"] if t["id"] == "contact_info")["score"] += 19
    history.save(old)
    history.save(new)
    return old, new


def test_history_with_no_scans_says_so(data_dir: Path, app: typer.Typer) -> None:
    result = invoke(app, "history", "--lang", "en")
    assert result.exit_code == 0 and "No saved scans yet" in result.output
    nl = invoke(app, "history", "--lang", "nl")
    assert "Nog geen opgeslagen controles" in nl.output
    assert not data_dir.exists()


def test_history_lists_two_scans_with_scores(two_scans: Any, app: typer.Typer) -> None:
    old, _new = two_scans
    result = invoke(app, "history", "--format", "json")
    assert result.exit_code == 0, result.output
    scans = json.loads(result.output)["scans"]
    assert [s["id"] for s in scans] == [1, 2]
    contact = [next(t for t in s["tips"] if t["id"] == "contact_info")["score"] for s in scans]
    assert contact[1] - contact[0] == 19
    rich = invoke(app, "history", "--lang", "en")
    assert rich.exit_code == 0 and "Saved scans" in rich.output and str(old["overall"]["score"]) in rich.output
    assert "history.sqlite3" in rich.output


def test_diff_shows_new_and_gone_findings_and_the_score_change(two_scans: Any, app: typer.Typer) -> None:
    result = invoke(app, "diff", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "between scan 1" in out and "scan 2" in out
    assert "New since scan 1 (1)" in out and "https://nieuw.example.org/buren" in out
    assert "Gone since scan 1 (1)" in out and "Your phone number appears on a public web page" in out
    assert "+19" in out
    assert "Some checks could not be completed" in out  # the demo has checks that end unknown
    assert "doxaudit letter" in out
    nl = invoke(app, "diff", "1", "2", "--lang", "nl").output
    assert "Nieuw sinds controle 1" in nl and "Verdwenen sinds controle 1" in nl and "Let op" in nl

    data = json.loads(invoke(app, "diff", "--format", "json").output)
    assert [f["id"] for f in data["findings"]["new"]] == ["feedfacecafe0001"]
    assert len(data["findings"]["gone"]) == 1 and data["nothing_changed"] is False
    assert next(s for s in data["scores"] if s["tip"] == "contact_info")["delta"] == 19
    assert "coverage" in data["caveats"] and data["caveat_messages"]


def test_diff_of_identical_scans_says_nothing_changed(data_dir: Path, demo_json: str, app: typer.Typer) -> None:
    history.save(json.loads(demo_json))
    history.save(json.loads(demo_json))
    result = invoke(app, "diff", "--lang", "en")
    assert result.exit_code == 0 and "Nothing changed" in result.output
    assert "Gone since" not in result.output and "New since" not in result.output
    assert "Nothing changed" not in invoke(app, "diff", "--lang", "nl").output
    assert "Er is niets veranderd" in invoke(app, "diff", "--lang", "nl").output


def test_diff_with_fewer_than_two_scans_is_one_line_and_exit_2(data_dir: Path, demo_json: str) -> None:
    proc = main(data_dir, "diff", "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "run another scan" in proc.stderr


def test_a_corrupt_database_is_one_line_and_exit_2(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / history.DB_NAME).write_bytes(b"\x00garbage, not a database\x00" * 64)
    for args in (["history"], ["diff"], ["letter", "abcd1234"]):
        proc = main(data_dir, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
        assert proc.stderr.startswith("doxaudit: error:") and "cannot be read" in proc.stderr


@pytest.mark.parametrize("lang, fragments", [
    ("en", ["Article 17", "https://buurt.example.org/nieuwsbrief-oktober", "[your full name]"]),
    ("nl", ["artikel 17 AVG", "https://buurt.example.org/nieuwsbrief-oktober", "Autoriteit Persoonsgegevens"]),
])
def test_letter_for_a_page_in_both_languages(two_scans: Any, app: typer.Typer, lang: str,
                                             fragments: list[str]) -> None:
    old, _new = two_scans
    address = next(f for f in old["findings"] if f["kind"] == "address_in_search")
    result = invoke(app, "letter", address["id"], "--lang", lang)
    assert result.exit_code == 0, result.output
    assert all(fragment in result.output for fragment in fragments)
    assert not any(value in result.output for value in REAL)


def test_letter_to_a_file_is_private_and_found_by_prefix_in_an_older_scan(
        two_scans: Any, app: typer.Typer, tmp_path: Path) -> None:
    old, _new = two_scans
    phone = next(f for f in old["findings"] if f["kind"] == "phone_in_search")  # only in scan 1
    out = tmp_path / "letter.txt"
    assert invoke(app, "letter", phone["id"][:8]).exit_code != 0  # not in the latest scan
    result = invoke(app, "letter", phone["id"][:8], "--scan", "1", "--output", str(out), "--sender-name", "N. V.")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "https://www.example.org/team" in text and "my phone number" in text and "N. V." in text


def test_letter_without_an_id_lists_the_findings_it_can_write_for(two_scans: Any, app: typer.Typer) -> None:
    result = invoke(app, "letter", "--lang", "en")
    assert result.exit_code == 0 and "feedfacecafe0001" in result.output
    breach = next(f for f in two_scans[0]["findings"] if f["kind"] == "breach")
    assert breach["id"] not in result.output


def test_letter_errors_are_one_line_and_exit_2(two_scans: Any, data_dir: Path) -> None:
    breach = next(f for f in two_scans[0]["findings"] if f["kind"] == "breach")
    for args, fragment in ((["letter", "0000ffff0000ffff"], "no finding 0000ffff0000ffff"),
                           (["letter", breach["id"]], "data breach"),
                           (["letter", "abcd", "--scan", "77"], "no saved scan 77"),
                           (["diff", "1", str(10**30)], f"no saved scan {10**30}"),
                           (["diff", "77"], "no saved scan 77")):
        proc = main(data_dir, *args, "--lang", "en")
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and fragment in proc.stderr and proc.stderr.count("\n") == 1


def test_letter_with_no_saved_scans_says_to_scan_first(data_dir: Path, app: typer.Typer) -> None:
    result = invoke(app, "letter", "abcd1234", "--lang", "en")
    assert result.exit_code != 0 and "run `doxaudit scan` first" in str(result.exception)


@pytest.mark.parametrize("lang, title, help_name", [
    ("en", "Tip 1 · Keep your passwords secret and stored safely", "Helpwanted"),
    ("nl", "Tip 1 · Houd je wachtwoorden geheim en bewaar ze op een veilige plek", "Politie"),
])
def test_tips_in_both_languages(app: typer.Typer, lang: str, title: str, help_name: str) -> None:
    result = invoke(app, "tips", "--lang", lang)
    assert result.exit_code == 0, result.output
    out = result.output
    assert title in out and cli_history.SOURCE_URL in out and help_name in out
    assert ("Tip 3 · Check who can see" if lang == "en" else "Tip 3 · Check wie je gegevens") in out
    data = json.loads(invoke(app, "tips", "--lang", lang, "--format", "json").output)
    assert [t["id"] for t in data["tips"]] == ["passwords", "contact_info", "social_visibility"]
    assert all(t["why"] and t["checks"] and len(t["do"]) >= 3 for t in data["tips"])
    assert not any(step.startswith("tips.") for t in data["tips"] for step in t["do"])


def test_history_catalogs_have_the_same_keys_in_both_languages_and_no_clash() -> None:
    root = Path(cli_history.__file__).parent / "locales"
    en = json.loads((root / "en" / "history.json").read_text(encoding="utf-8"))
    nl = json.loads((root / "nl" / "history.json").read_text(encoding="utf-8"))
    assert set(en) == set(nl)
    assert all(k.split(".")[0] in ("history", "diff", "letter", "tips") for k in en)
    assert all(v.strip() for v in [*en.values(), *nl.values()])
    for lang, messages in (("en", en), ("nl", nl)):
        merged = catalog(lang)  # raises when a key is defined twice
        assert all(merged[k] == v for k, v in messages.items())
    # The same placeholders in both languages, so a translation cannot crash a format() call.
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert {k: fields(v) for k, v in en.items()} == {k: fields(v) for k, v in nl.items()}


def test_history_delete_and_clear(two_scans: Any, app: typer.Typer) -> None:
    assert invoke(app, "history", "--delete", "1").exit_code == 0
    assert [s.id for s in history.list_scans()] == [2]
    assert invoke(app, "history", "--clear").exit_code == 0
    assert history.list_scans() == []


def test_save_scan_stores_a_report_and_a_broken_history_is_only_a_warning(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from doxaudit.identity import build_identity
    from doxaudit.report import build_report

    report = build_report(build_identity(handles=["noor"]), [], [], lang="nl", mode="replay")
    assert cli_history.save_scan(report) == 1
    assert "Opgeslagen als controle 1" in capsys.readouterr().err
    assert history.load(1)["mode"] == "replay" and history.list_scans()[0].kinds == ("handle",)

    (data_dir / history.DB_NAME).write_bytes(b"broken" * 100)
    assert cli_history.save_scan(report) is None
    err = capsys.readouterr().err
    assert err.startswith("doxaudit: warning:") and "niet opgeslagen" in err and err.count("\n") == 1
