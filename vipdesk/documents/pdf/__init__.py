"""PDF building blocks: the document frame, form fields and fonts for every script."""
