"""vipdesk: records, preparation and reporting for virtual and blended work placements."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Read on first use: importlib.metadata costs a twentieth of a second at every start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("vipdesk")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(name)
