"""Command-line commands beyond opening the app, one module per group (see vipdesk.cli)."""
