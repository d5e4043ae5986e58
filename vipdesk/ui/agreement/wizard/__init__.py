"""The wizard that drafts the learning agreement, page by page."""
