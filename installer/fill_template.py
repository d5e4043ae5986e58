"""Fill an installer script template's @FIELD@s from pyproject.toml.

    python installer/fill_template.py [TEMPLATE [OUTPUT]]

By default installer/vipdesk.iss.in (Inno Setup) becomes build/vipdesk.iss. The fields are NAME,
VERSION, VERSION_NUMERIC (four numbers, as Windows wants them: 1.2.0rc1 gives 1.2.0.0),
DESCRIPTION and PUBLISHER (the first author). A field the template uses but this script does not
know is an error, so a typo cannot slip into an installer.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = ROOT / "installer" / "vipdesk.iss.in"
DEFAULT_OUTPUT = ROOT / "build" / "vipdesk.iss"
FIELD = re.compile(r"@([A-Z_]+)@")


def numeric_version(version: str) -> str:
    """The release numbers of a version, padded or cut to four: "0.1.0" gives "0.1.0.0"."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = [*match.group().split("."), "0", "0", "0"][:4]
    return ".".join(numbers)


def fields(pyproject: Path) -> dict[str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    authors = project.get("authors") or [{}]
    values = {
        "NAME": project["name"],
        "VERSION": project["version"],
        "VERSION_NUMERIC": numeric_version(project["version"]),
        "DESCRIPTION": project.get("description", project["name"]),
        "PUBLISHER": authors[0].get("name", project["name"]),
    }
    for key, value in values.items():
        if '"' in value:  # would end a quoted Inno Setup parameter early
            raise ValueError(f"{key} contains a double quote: {value!r}")
    # Inno Setup reads "{" as the start of a constant such as {app}; "{{" is a literal brace.
    return {key: value.replace("{", "{{") for key, value in values.items()}


def fill(template: str, values: dict[str, str]) -> str:
    unknown = sorted(set(FIELD.findall(template)) - values.keys())
    if unknown:
        raise ValueError(f"unknown template fields: {', '.join(unknown)}")
    return FIELD.sub(lambda match: values[match.group(1)], template)


def main(argv: list[str]) -> int:
    template = Path(argv[0]) if argv else DEFAULT_TEMPLATE
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    try:
        text = fill(template.read_text(encoding="utf-8"), fields(ROOT / "pyproject.toml"))
    except (OSError, KeyError, ValueError) as exc:
        print(f"fill_template: {template}: {exc}", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    # Inno Setup reads a script with a byte order mark as UTF-8 (names may not be ASCII).
    output.write_text(text, encoding="utf-8-sig", newline="\r\n")
    print(f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
