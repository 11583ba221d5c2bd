"""The wheel carries everything an installed doxaudit needs to run from any directory."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr[-300:]}")
    return zipfile.ZipFile(next(out.glob("doxaudit-*.whl")))


@pytest.mark.parametrize("name", [
    "doxaudit/locales/en/core.json", "doxaudit/locales/nl/core.json",
    "doxaudit/catalog_data/sites.json", "doxaudit/catalog_data/sites.schema.json",
    "doxaudit/catalog_data/advice/platforms.json", "doxaudit/catalog_data/advice/general.json",
    "doxaudit/catalog_data/advice/help.json",
    "doxaudit/report_templates/report.schema.json", "doxaudit/report_templates/report.html.j2",
    "doxaudit/locales/en/report.json", "doxaudit/locales/nl/report.json",
    "doxaudit/data/persona-noor.har", "doxaudit/data/persona-noor.toml",
])
def test_wheel_ships_data(wheel: zipfile.ZipFile, name: str) -> None:
    assert name in wheel.namelist()


def test_installed_wheel_finds_its_data_from_another_directory(tmp_path: Path, wheel: zipfile.ZipFile) -> None:
    """Install the wheel into a throwaway target dir and load every data area from outside the checkout."""
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target",
                           str(target), wheel.filename], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    code = (
        "from doxaudit.resources import installed_resource as r\n"
        "for area, parts in [('checks', ['sites.json']), ('checks', ['advice', 'general.json']),"
        " ('checks', ['advice', 'help.json']), ('reports', ['report.schema.json']),"
        " ('data', ['persona-noor.har'])]:\n"
        "    assert r(area, *parts).is_file(), (area, parts)\n"
        "from doxaudit import advice\n"
        "assert advice.lookup('breach_found', 'nl') is not None\n"
        "import doxaudit, pathlib\n"
        "assert str(pathlib.Path(doxaudit.__file__)).startswith(" + repr(str(target)) + ")\n"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
