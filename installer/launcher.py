"""The frozen app's entry script: the same `main` as the `vipdesk` console command."""

from vipdesk.__main__ import main

if __name__ == "__main__":
    main()
