"""E-mail of documents: the message, its delivery (SMTP or the outbox folder), the sending."""
