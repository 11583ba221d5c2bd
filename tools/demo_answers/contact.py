"""Demo answers for tip 2's registries and directories: RDAP for the persona's domains, directory result pages.

The RDAP bootstrap is a fictional stand-in for IANA's dns.json that names one demo registry server
for the reserved `.example` TLD; each persona's domain record there is theirs (tools/personas/). A
directory the persona does not name answers with an empty result page ("Geen resultaten gevonden").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

if (_TOOLS := str(Path(__file__).resolve().parent.parent)) not in sys.path:
    sys.path.insert(0, _TOOLS)  # tools/: the personas package, also when this file is loaded on its own

from personas import Answer, Persona, load
from personas.base import HTML_TYPE, RDAP_BASE, directory_page

from doxaudit.checks.rdap import BOOTSTRAP_URL, domain_url

BOOTSTRAP = {
    "description": "Fictional demo RDAP bootstrap (the real one is IANA's dns.json)",
    "publication": "2026-11-01T00:00:00Z",
    "version": "1.0",
    "services": [[["example"], [RDAP_BASE]], [["test", "invalid"], ["https://rdap.elders.example/"]]],
}
EMPTY_DIRECTORY = directory_page("Zoekresultaten", [], empty=True)


def answer(request: Any, persona: Persona | None = None) -> Answer | None:
    """The bootstrap and the directories' result pages (default persona: noor); None for anything else."""
    persona = persona or load("noor")
    check = str(getattr(request, "check", ""))
    if getattr(request, "dynamic", False):
        return None
    if check == "registry:rdap" and getattr(request, "url", "") == BOOTSTRAP_URL:
        return 200, {"Content-Type": "application/json"}, json.dumps(BOOTSTRAP)
    if check.startswith("directory:"):
        return 200, dict(HTML_TYPE), persona.directories.get(check.split(":", 1)[1], EMPTY_DIRECTORY)
    return None


def pages(persona: Persona) -> dict[str, str]:
    """The registry's records, found at run time (the server comes from the bootstrap)."""
    return {domain_url(RDAP_BASE, domain): json.dumps(record) for domain, record in persona.rdap.items()}
