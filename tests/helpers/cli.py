"""Running the `vipdesk` command as a user would: a separate process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys


def vipdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vipdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )
