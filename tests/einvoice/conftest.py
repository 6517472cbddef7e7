"""What the e-invoice tests share: a seller and a buyer with all EN 16931 asks of them."""

from __future__ import annotations

from typing import Any

from billing import clients, organizations
from billing.plans import UNLIMITED
from models import Client, Organization

SELLER: dict[str, Any] = {
    "postal_address": {
        "lines": ["Hauptstraße 1"],
        "city": "München",
        "postal_code": "80331",
        "country": "DE",
    },
    "vat_id": "DE136695976",
    "peppol_id": {"scheme": "9930", "value": "DE136695976"},
    "payment_means": {"code": "58", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
    "email": "billing@acme.example",
    "phone": "+49 89 1234567",
}
BUYER: dict[str, Any] = {
    "postal_address": {
        "lines": ["Rue de la Loi 16"],
        "city": "Bruxelles",
        "postal_code": "1000",
        "country": "BE",
    },
    "vat_id": "BE0403170701",
    "peppol_id": {"scheme": "0208", "value": "0403170701"},
    "email": "ap@globex.example",
    "buyer_reference": "PO-BOX-7",
}


async def a_seller(org: Organization, **changes: Any) -> Organization:
    """`org` with all a seller needs (or `changes` to it)."""
    return await organizations.update_organization(org, {**SELLER, **changes})


async def a_buyer(org: Organization, name: str = "Globex SA", **changes: Any) -> Client:
    """A client with all a buyer needs (or `changes` to it)."""
    return await clients.create_client(org, {"name": name, **BUYER, **changes}, UNLIMITED)
