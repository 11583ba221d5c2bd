"""Renders the demo persona's HTML report and screenshots it with headless Chromium.

    python tools/screenshot_report.py                       # -> /tmp/doxaudit-report.png
    python tools/screenshot_report.py --lang nl --projector --out /tmp/nl.png --size 1920,1080

The scan is replayed from the recording inside the package, so nothing leaves the machine; Chromium
is started with background networking off and the report's own CSP forbids every fetch. Needs
`chromium` (Debian: `apt-get install chromium`), or set CHROMIUM to another Chromium/Chrome binary.
Exit codes: 0 written, 2 no Chromium found, 1 Chromium ran but wrote no picture.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doxaudit import demo  # noqa: E402
from doxaudit.model import Report  # noqa: E402
from doxaudit.render import html  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def demo_report(lang: str = "en") -> Report:
    return demo.demo_report(lang=lang, generated_at=None)


def find_browser() -> str | None:
    override = os.environ.get("CHROMIUM")
    if override:
        return shutil.which(override) or (override if Path(override).is_file() else None)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def screenshot(page: Path, out: Path, size: str, browser: str) -> bool:
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="doxaudit-chromium-") as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
             "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
             f"--screenshot={out}", f"--window-size={size}", page.resolve().as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False,
        )
    return out.is_file() and out.stat().st_size > 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "nl"), default="en")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "doxaudit-report.png")
    parser.add_argument("--size", default="1280,2000", help="window WIDTH,HEIGHT in pixels")
    parser.add_argument("--projector", action="store_true", help="large type, as on a projector")
    parser.add_argument("--keep-html", type=Path, help="also write the rendered HTML here")
    args = parser.parse_args(argv)

    browser = find_browser()
    if browser is None:
        print("screenshot_report: no Chromium found (apt-get install chromium, or set CHROMIUM)", file=sys.stderr)
        return 2
    document = html.render(demo_report(args.lang), projector=args.projector)
    with tempfile.TemporaryDirectory(prefix="doxaudit-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(document, encoding="utf-8")
        if args.keep_html:
            args.keep_html.write_text(document, encoding="utf-8")
        if not screenshot(page, args.out, args.size, browser):
            print(f"screenshot_report: {browser} wrote no screenshot", file=sys.stderr)
            return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
