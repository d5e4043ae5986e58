"""Mail: messages from templates, the outbox, SMTP and `.eml` files, and mail coming back."""
