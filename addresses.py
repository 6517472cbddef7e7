"""What an address must be: an e-mail address for mail to go to it as it is, and a network
address for a webhook to be sent to it.

Its own module, below both of its users and importing nothing of the project: the settings
check SMTP_FROM with it and the domain checks recipients with it, and neither may import the
other (settings.py imports nothing of billing/, and billing/ reads no settings).
"""

from __future__ import annotations

import ipaddress
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


def address_refusal(address: str, allow_private: bool) -> str | None:
    """None when `address` may be connected to, else why not, as a predicate ("is not public").

    An IPv4 address carried in IPv6 (mapped, or 6to4) is judged as the IPv4 address it reaches.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    if ip.is_unspecified:
        return "is unspecified"
    if ip.is_multicast:
        return "is multicast"
    if allow_private or (ip.is_global and not ip.is_reserved):
        return None
    return "is not public"
