"""What changed in a signed document after a signature, in words.

pyHanko's verdict (`diff_policy.agreement_policy`) says whether a change is allowed;
`describe_changes` says what a reader would see changed (field by field, page by page), so
that the coordinator reads "new appearance for field mentor_name", not a list of object
numbers. pyHanko is imported inside the functions that read a PDF: importing this module stays
cheap for code that never checks a signature.
"""

from __future__ import annotations

import hashlib
from typing import Any
from xml.etree import ElementTree

from vipdesk.documents.agreement.form import revision_properties, text_value
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.phrase import Count, Phrase

PARTY_FIELDS = frozenset(party.field_name for party in Party)
# What signing programs write into the document information dictionary when they sign.
SIGNER_PROPERTIES = frozenset({"ModDate", "Producer"})
# XMP properties a signing program writes (pyHanko: ModifyDate and Producer).
SIGNER_XMP = frozenset(
    {"ModifyDate", "MetadataDate", "CreateDate", "Producer", "DocumentID", "InstanceID", "format"}
)
# Catalog and form keys that signing changes, or that other checks look at.
_CATALOG_SIGNING_KEYS = frozenset(
    {"/AcroForm", "/Metadata", "/Version", "/Extensions", "/DSS", "/Pages", "/MarkInfo"}
)
_FORM_SIGNING_KEYS = frozenset({"/Fields", "/SigFlags"})
_MAX_DEPTH = 40
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_BACK_REFERENCES = frozenset({"/Parent", "/P"})  # a widget's way up to its field, page


# --- reading one revision ------------------------------------------------------------------


def _resolve(value: Any) -> Any:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    return value.get_object() if isinstance(value, generic.IndirectObject) else value


def xmp_properties(resolver: Any) -> dict[str, str]:
    """The XMP metadata of the revision: property (local name) → text; {} when there is none."""
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    try:
        raw = resolver.root.raw_get("/Metadata")
    except KeyError:
        return {}
    stream = _resolve(raw)
    if not isinstance(stream, generic.StreamObject):
        return {"(metadata)": "not a stream"}
    data = stream.data
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return {"(metadata)": "carries a document type definition"}
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return {"(metadata)": "unreadable"}
    found: dict[str, str] = {}
    for description in root.iter(f"{{{_RDF}}}Description"):
        for key, value in description.attrib.items():
            local = _local(key)
            if local != "about":
                found[local] = str(value)
        for child in description:
            found[_local(child.tag)] = " ".join(child.itertext()).strip()
    return found


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _plain(value: Any) -> str:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    value = _resolve(value)
    if isinstance(value, generic.TextStringObject | generic.ByteStringObject):
        return text_value(value)
    return str(value)


def _fields(resolver: Any) -> dict[str, tuple[str, str, str]]:
    """Terminal form fields: name → (type, value as text, digest of their appearance)."""
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    found: dict[str, tuple[str, str, str]] = {}
    try:
        roots = resolver.root["/AcroForm"]["/Fields"]
    except KeyError:
        return found

    def walk(field: Any, prefix: str, depth: int) -> None:
        field = _resolve(field)
        if not isinstance(field, generic.DictionaryObject) or depth > _MAX_DEPTH:
            return
        name = text_value(field.get("/T", ""))
        full = f"{prefix}.{name}" if prefix and name else name or prefix
        kids = field.get("/Kids")
        if kids is not None and any("/T" in _resolve(kid) for kid in kids):
            for kid in kids:
                walk(kid, full, depth + 1)
            return
        kind = str(field.get("/FT", ""))
        value = field.raw_get("/V") if "/V" in field else None
        if kind == "/Sig":
            shown = "" if value is None else repr(getattr(value, "reference", value))
        else:
            shown = "" if value is None else _plain(value)
        widgets = [_resolve(kid) for kid in kids] if kids is not None else [field]
        digest = hashlib.sha256()
        for widget in widgets:
            if isinstance(widget, generic.DictionaryObject) and "/AP" in widget:
                digest.update(_fingerprint(widget["/AP"], 0))
            if isinstance(widget, generic.DictionaryObject) and "/AS" in widget:
                digest.update(str(widget["/AS"]).encode())
        found[full] = (kind, shown, digest.hexdigest())

    for field in roots:
        walk(field, "", 0)
    return found


def _fingerprint(value: Any, depth: int, path: frozenset[Any] = frozenset()) -> bytes:
    """A digest of an object and everything it refers to (streams by their bytes); references
    back up the tree (/Parent, /P) are left out, and a cycle counts once."""
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    if isinstance(value, generic.IndirectObject):
        if value.reference in path or depth > _MAX_DEPTH:
            return repr(value.reference).encode()
        path = path | {value.reference}
        value = value.get_object()
    if isinstance(value, generic.DictionaryObject):  # streams too: their dictionary, bytes
        parts = [
            k.encode() + _fingerprint(value.raw_get(k), depth + 1, path)
            for k in sorted(value)
            if k not in _BACK_REFERENCES
        ]
        if isinstance(value, generic.StreamObject):
            parts.append(value.encoded_data)
        return hashlib.sha256(b"<<" + b"".join(parts) + b">>").digest()
    if isinstance(value, generic.ArrayObject):
        items = b"".join(_fingerprint(item, depth + 1, path) for item in value)
        return hashlib.sha256(b"[" + items + b"]").digest()
    return repr(value).encode()


def _pages(resolver: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    pages: list[Any] = []

    def walk(node: Any, depth: int) -> None:
        node = _resolve(node)
        if not isinstance(node, generic.DictionaryObject) or depth > _MAX_DEPTH:
            return
        if "/Kids" in node:
            for kid in node["/Kids"]:
                walk(kid, depth + 1)
        else:
            pages.append(node)

    walk(resolver.root["/Pages"], 0)
    return pages


def _annotations(page: Any) -> dict[Any, Any]:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    annots = _resolve(page.get("/Annots", generic.ArrayObject()))
    if not isinstance(annots, generic.ArrayObject):
        return {}
    return {getattr(a, "reference", id(a)): _resolve(a) for a in annots}


def _contents(page: Any) -> bytes:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    contents = _resolve(page.get("/Contents", generic.ArrayObject()))
    streams = contents if isinstance(contents, generic.ArrayObject) else [contents]
    return b"\n".join(
        s.encoded_data for s in map(_resolve, streams) if isinstance(s, generic.StreamObject)
    )


# --- what changed, in words ----------------------------------------------------------------


def changed_properties(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Document properties that differ, leaving out what a signing program updates."""
    keys = (old.keys() | new.keys()) - SIGNER_PROPERTIES
    return sorted(key for key in keys if old.get(key) != new.get(key))


def changed_xmp(old: Any, new: Any) -> list[str]:
    """XMP properties added or changed beyond dates, producer and the properties the
    document information dictionary of the signed revision already states."""
    before, after = xmp_properties(old), xmp_properties(new)
    stated = set(revision_properties(old).values())
    return sorted(
        key
        for key, value in after.items()
        if key not in SIGNER_XMP and value != before.get(key) and value not in stated
    )


def describe_changes(reader: Any, signed_revision: int) -> list[Phrase]:
    """What differs between the signed revision and the file as a reader shows it now,
    leaving out the signatures of parties in their own empty fields."""
    last = reader.xrefs.total_revisions - 1
    if signed_revision >= last:
        return []
    old = reader.get_historical_resolver(signed_revision)
    new = reader.get_historical_resolver(last)
    changes = (
        [Phrase("document properties changed: {names}", {"names": ", ".join(changed)})]
        if (changed := changed_properties(revision_properties(old), revision_properties(new)))
        else []
    )
    if xmp := changed_xmp(old, new):
        changes.append(
            Phrase("document properties (XMP metadata) changed: {names}", {"names": ", ".join(xmp)})
        )
    changes += _catalog_changes(old.root, new.root)
    changes += _field_changes(_fields(old), _fields(new))
    changes += _page_changes(_pages(old), _pages(new))
    return changes


def _catalog_changes(old: Any, new: Any) -> list[Phrase]:
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    keys = (set(old) | set(new)) - _CATALOG_SIGNING_KEYS
    changed = sorted(k for k in keys if k not in old or k not in new or not _same(old[k], new[k]))
    found = (
        [Phrase("document settings changed: {names}", {"names": ", ".join(changed)})]
        if changed
        else []
    )
    old_form, new_form = old.get("/AcroForm"), new.get("/AcroForm")
    if isinstance(old_form, generic.DictionaryObject) and isinstance(
        new_form, generic.DictionaryObject
    ):
        keys = (set(old_form) | set(new_form)) - _FORM_SIGNING_KEYS
        changed = sorted(
            k
            for k in keys
            if k not in old_form or k not in new_form or not _same(old_form[k], new_form[k])
        )
        if changed:
            found.append(Phrase("form settings changed: {names}", {"names": ", ".join(changed)}))
    return found


def _field_changes(
    old: dict[str, tuple[str, str, str]], new: dict[str, tuple[str, str, str]]
) -> list[Phrase]:
    found = []
    for name in sorted(new.keys() - old.keys()):
        if new[name][0] != "/Sig":
            found.append(Phrase("new form field {name} added", {"name": name}))
        elif new[name][1]:
            found.append(Phrase("new signature field {name} added and signed", {"name": name}))
        else:
            found.append(Phrase("new signature field {name} added", {"name": name}))
    found += [
        Phrase("form field {name} removed", {"name": name})
        for name in sorted(old.keys() - new.keys())
    ]
    for name in sorted(old.keys() & new.keys()):
        (kind, value, look), (new_kind, new_value, new_look) = old[name], new[name]
        said = {"name": name}
        if kind != new_kind:
            found.append(Phrase("form field {name} changed its type", said))
        elif kind == "/Sig" and value:
            if (value, look) != (new_value, new_look):
                found.append(Phrase("the signature in {name} was replaced or redrawn", said))
        elif kind == "/Sig" and new_value:
            if name not in PARTY_FIELDS:
                found.append(Phrase("signature added in {name}, a field of no party", said))
        elif kind == "/Sig" and look != new_look:
            found.append(Phrase("new appearance for the empty signature field {name}", said))
        elif value != new_value:
            found.append(Phrase("field {name} changed", said))
        elif look != new_look:
            found.append(Phrase("new appearance for field {name}, its value unchanged", said))
    return found


def _page_changes(old: list[Any], new: list[Any]) -> list[Phrase]:
    if len(old) != len(new):
        return [
            Phrase(
                "pages added or removed ({then} pages when signed, {now} now)",
                {"then": Count(len(old)), "now": Count(len(new))},
            )
        ]
    found = []
    for number, (before, after) in enumerate(zip(old, new, strict=True), 1):
        page = {"number": Count(number)}
        if _contents(before) != _contents(after):
            found.append(Phrase("content of page {number} changed", page))
        if not _same(before.get("/Resources"), after.get("/Resources")):
            found.append(Phrase("fonts or images of page {number} changed", page))
        keys = (set(before) | set(after)) - {"/Contents", "/Resources", "/Annots", "/Parent"}
        if any(k not in before or k not in after or not _same(before[k], after[k]) for k in keys):
            found.append(Phrase("layout of page {number} changed", page))
        was, now = _annotations(before), _annotations(after)
        added = [a for ref, a in now.items() if ref not in was and not _is_field(a)]
        if added:
            found.append(
                Phrase(
                    "annotations added on page {number}: {count}",
                    {**page, "count": Count(len(added))},
                )
            )
        if was.keys() - now.keys():
            found.append(Phrase("annotations removed from page {number}", page))
        redrawn = [r for r in was.keys() & now.keys() if not _is_field(now[r])]
        if any(not _same(was[r], now[r]) for r in redrawn):
            found.append(Phrase("an annotation on page {number} changed", page))
    return found


def _is_field(annotation: Any) -> bool:
    """A form field's widget: its changes are told field by field."""
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    return isinstance(annotation, generic.DictionaryObject) and (
        "/FT" in annotation or "/Parent" in annotation
    )


def _same(a: Any, b: Any) -> bool:
    return _fingerprint(a, 0) == _fingerprint(b, 0)
