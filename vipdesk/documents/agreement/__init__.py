"""The agreement, amendment and certificate as PDF: content types, layout, form, signing."""
