"""What a signed document may gain after a signature: pyHanko's difference analysis, narrowed.

After a party signs, the workflow of a vipdesk document adds exactly one kind of change: the
signatures of the parties still to sign, each in its own existing field (sig_student,
sig_sending, sig_host). `agreement_policy()` is pyHanko's difference analysis narrowed to that:
no filled-in or re-drawn form fields, no new fields or annotations, no other page content, and
no document properties beyond the modification date and producer a signing program updates.
What changed, in words, is `alterations.describe_changes`.

The rules subclass pyHanko's, so they are built on first use: importing pyHanko takes about
half a second, and opening a placement checks no signature.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from vipdesk.documents.agreement.form import revision_properties
from vipdesk.documents.signatures.alterations import PARTY_FIELDS, changed_properties, changed_xmp

if TYPE_CHECKING:
    from pyhanko.sign.diff_analysis import ModificationLevel, StandardDiffPolicy


@functools.cache
def agreement_policy() -> StandardDiffPolicy:
    """pyHanko's difference analysis narrowed to what may follow a signature: the parties'
    signatures in their own fields. Built on first use, pyHanko's rules being its base."""
    # late: pyHanko costs ~0.5 s to import; only checking a signature needs it
    from pyhanko.sign.diff_analysis import (
        CatalogModificationRule,
        DocInfoRule,
        DSSCompareRule,
        FieldComparisonContext,
        FieldComparisonSpec,
        FieldMDPRule,
        FormUpdate,
        FormUpdatingRule,
        MetadataUpdateRule,
        ModificationLevel,
        ObjectStreamRule,
        ReferenceUpdate,
        SigFieldModificationRule,
        StandardDiffPolicy,
        SuspiciousModification,
        WhitelistRule,
        XrefStreamRule,
    )

    class PropertiesRule(WhitelistRule):
        """The document information may change only where signing programs write."""

        def apply(self, old: Any, new: Any) -> Iterable[ReferenceUpdate]:
            changed = changed_properties(revision_properties(old), revision_properties(new))
            if changed:
                raise SuspiciousModification(f"document properties changed: {', '.join(changed)}")
            yield from DocInfoRule().apply(old, new)

    class MetadataRule(MetadataUpdateRule):
        """XMP metadata may gain dates and the producer, nothing a reader shows as the title."""

        def apply(self, old: Any, new: Any) -> Iterable[ReferenceUpdate]:
            updates = list(super().apply(old, new))  # well-formed XMP, no entities: pyHanko's
            changed = changed_xmp(old, new)
            if changed:
                raise SuspiciousModification(
                    f"document properties (XMP metadata) changed: {', '.join(changed)}"
                )
            yield from updates

    class NoNewFieldsRule(FieldMDPRule):
        """No form field (a signature field neither) is added or removed after a signature."""

        def apply(
            self, context: FieldComparisonContext
        ) -> Iterator[tuple[ModificationLevel, FormUpdate]]:
            specs = context.field_specs.items()
            added = sorted(name for name, spec in specs if spec.old_field_ref is None)
            removed = sorted(name for name, spec in specs if spec.new_field_ref is None)
            if added:
                raise SuspiciousModification(f"new form field {', '.join(added)} added")
            if removed:
                raise SuspiciousModification(f"form field {', '.join(removed)} removed")
            yield from ()

    class PartySignatureRule(SigFieldModificationRule):
        """A signature may fill an empty field only when the field is one of the parties'."""

        def check_form_field(
            self, fq_name: str, spec: FieldComparisonSpec, context: FieldComparisonContext
        ) -> Iterable[tuple[ModificationLevel, FormUpdate]]:
            old, new = spec.old_field, spec.new_field
            filled = new is not None and "/V" in new and (old is None or "/V" not in old)
            if spec.field_type == "/Sig" and filled and fq_name not in PARTY_FIELDS:
                raise SuspiciousModification(f"signature added in {fq_name}, a field of no party")
            yield from super().check_form_field(fq_name, spec, context)

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(),  # type: ignore[no-untyped-call]
            PropertiesRule().as_qualified(lta),
            XrefStreamRule().as_qualified(lta),
            ObjectStreamRule().as_qualified(lta),
            DSSCompareRule().as_qualified(lta),
            MetadataRule().as_qualified(lta),  # type: ignore[no-untyped-call]
        ],
        # No GenericFieldModificationRule: after a signature no field is filled in or redrawn.
        form_rule=FormUpdatingRule(field_rules=[NoNewFieldsRule(), PartySignatureRule()]),
    )


def allowed_level() -> ModificationLevel:
    """The most a file may change after a signature: further signatures with their appearance."""
    from pyhanko.sign.diff_analysis import ModificationLevel  # late: pyHanko takes ~0.5 s to import

    return ModificationLevel.FORM_FILLING
