"""Demo answers for tip 1 (passwords and accounts) beyond breaches and Gravatar.

GitHub commit search by author email: Noor Voorbeeld (who does not exist) committed to a
fictional hobby repository with her private address, so the demo shows `email_in_commits`.
"""

from __future__ import annotations

import json
from typing import Any

HANDLE = "noorvoorbeeld"
REPO = f"{HANDLE}/zuurdesem-rekenhulp"
SHA = "0d3e5f1a2b4c6d8e0f1a2b3c4d5e6f708192a3b4"
EMAIL = "noor.voorbeeld@example.com"

COMMIT_SEARCH = {
    "total_count": 3,
    "incomplete_results": False,
    "items": [{
        "url": f"https://api.github.com/repos/{REPO}/commits/{SHA}",
        "sha": SHA,
        "html_url": f"https://github.com/{REPO}/commit/{SHA}",
        "commit": {
            "author": {"name": "Noor Voorbeeld", "email": EMAIL, "date": "2025-09-14T20:11:05.000+02:00"},
            "committer": {"name": "Noor Voorbeeld", "email": EMAIL, "date": "2025-09-14T20:11:05.000+02:00"},
            "message": "Hydratatie-percentage toegevoegd",
            "comment_count": 0,
        },
        "author": None,
        "repository": {"id": 90000002, "name": "zuurdesem-rekenhulp", "full_name": REPO, "private": False,
                       "html_url": f"https://github.com/{REPO}", "description": "Rekent je zuurdesembrood uit (demo)",
                       "fork": False},
        "score": 1.0,
    }],
}


def answer(request: Any) -> tuple[int, dict[str, str], str] | None:
    """The GitHub commit search for the persona's email; None for anything this module does not own."""
    if getattr(request, "check", "") != "api:github-commits":
        return None
    return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(COMMIT_SEARCH)
