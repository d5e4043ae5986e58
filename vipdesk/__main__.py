"""`python -m vipdesk` and the `vipdesk` command."""

from __future__ import annotations

import sys

from vipdesk.cli import main as cli_main


def main() -> None:
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
