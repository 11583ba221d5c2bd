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
    "doxaudit/locales/en.json", "doxaudit/locales/nl.json",
    "doxaudit/catalog_data/sites.json", "doxaudit/catalog_data/sites.schema.json",
    "doxaudit/catalog_data/advice/platforms.json", "doxaudit/catalog_data/advice/general.json",
    "doxaudit/catalog_data/advice/help.json",
    "doxaudit/report_templates/report.schema.json",
    "doxaudit/data/persona-noor.har", "doxaudit/data/persona-noor.toml",
])
def test_wheel_ships_data(wheel: zipfile.ZipFile, name: str) -> None:
    assert name in wheel.namelist()
