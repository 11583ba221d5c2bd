"""Demo answers for tip 1 (passwords and accounts): breaches, Gravatar and GitHub commit search, per email.

What a persona (tools/personas/) lists is answered as given; every other email of theirs gets the
service's own "nothing": XposedOrNot's 404 "Not found", Gravatar's 404, a commit search with no hits.
Requests are matched on their exact URL, so an answer never goes to another address.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

if (_TOOLS := str(Path(__file__).resolve().parent.parent)) not in sys.path:
    sys.path.insert(0, _TOOLS)  # tools/: the personas package, also when this file is loaded on its own

from personas import Answer, Persona, load
from personas.base import JSON_TYPE

from doxaudit.checks.breaches import XposedOrNotCheck
from doxaudit.checks.github_commits import GitHubCommitEmailCheck
from doxaudit.checks.gravatar import GravatarCheck

XON_NOT_FOUND = {"Error": "Not found"}
GRAVATAR_NOT_FOUND = {"error": "Profile not found", "code": "profile_not_found"}
NO_COMMITS = {"total_count": 0, "incomplete_results": False, "items": []}


def answer(request: Any, persona: Persona | None = None) -> Answer | None:
    """The answer to a breach, Gravatar or commit-search request for one of the persona's emails
    (default persona: noor); None for anything this module does not own."""
    persona = persona or load("noor")
    check, url = str(getattr(request, "check", "")), str(getattr(request, "url", ""))
    for email in persona.identity.emails:
        if check == "breach:xposedornot" and XposedOrNotCheck(email).url == url:
            found = persona.breaches.get(email)
            return 200 if found else 404, dict(JSON_TYPE), json.dumps(found or XON_NOT_FOUND)
        if check == "api:gravatar" and GravatarCheck(email).url == url:
            profile = persona.gravatar.get(email)
            return 200 if profile else 404, dict(JSON_TYPE), json.dumps(profile or GRAVATAR_NOT_FOUND)
        if check == "api:github-commits" and GitHubCommitEmailCheck(email).url == url:
            return 200, dict(JSON_TYPE), json.dumps(persona.commits.get(email, NO_COMMITS))
    return None
