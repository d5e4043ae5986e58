"""vipdesk: records, preparation and reporting for virtual and blended work placements."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vipdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
