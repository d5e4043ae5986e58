"""Import from and export to Excel and CSV: the dialogs and their previews."""
