"""What an e-mail address must be for mail to go to it as it is.

Its own module, below both of its users and importing nothing of the project: the settings
check SMTP_FROM with it and the domain checks recipients with it, and neither may import the
other (settings.py imports nothing of billing/, and billing/ reads no settings).
"""

from __future__ import annotations

from email.errors import MessageError
from email.headerregistry import Address


def is_plain_address(value: str) -> bool:
    """Whether `value` is an address mail can go to as it is: `local@domain`, in ASCII (an
    internationalized one would need SMTPUTF8 of every server on the way), no comment, no
    quoting, no display name."""
    try:
        parsed = Address(addr_spec=value)
    except (ValueError, IndexError, MessageError):  # IndexError: the stdlib's on some input
        return False
    return parsed.addr_spec == value and value.isascii()
