"""What organizations and clients share for e-invoices: a structured postal address, legal and
Peppol identifiers, and (of the organization) how it is paid. Validated by billing.parties."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import UNSET

from models.base import Party


@strawberry.type(description="A postal address as e-invoices carry it (EN 16931 BG-5, BG-8).")
class PostalAddress:
    lines: list[str] = strawberry.field(description="Street lines, at most 3.")
    city: str = strawberry.field(description="City.")
    postal_code: str = strawberry.field(description="Postal code.")
    subdivision: str = strawberry.field(description="ISO 3166-2 subdivision, e.g. DE-BY.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code, e.g. DE.")

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> PostalAddress | None:
        if value is None:
            return None
        return cls(
            lines=list(value["lines"]),
            city=value["city"],
            postal_code=value["postalCode"],
            subdivision=value["subdivision"],
            country=value["country"],
        )


@strawberry.input(description="A postal address; country is required.")
class PostalAddressInput:
    lines: list[str] | None = strawberry.field(default=UNSET, description="Up to 3 lines.")
    city: str | None = strawberry.field(default=UNSET, description="City.")
    postal_code: str | None = strawberry.field(default=UNSET, description="Postal code.")
    subdivision: str | None = strawberry.field(
        default=UNSET, description="ISO 3166-2 code of a subdivision of the country (DE-BY)."
    )
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 code (DE, FR, BE).")


@strawberry.type(description="An identifier with the code of its scheme.")
class PartyIdentifier:
    scheme: str = strawberry.field(
        description="ISO 6523 ICD code of a legal registration (0002 SIRENE, 0088 GLN), or "
        "the Electronic Address Scheme code of a Peppol id (0088, 9930); may be empty for a "
        "legal registration."
    )
    value: str = strawberry.field(description="The identifier.")

    @classmethod
    def from_json(cls, value: dict[str, str] | None) -> PartyIdentifier | None:
        return None if value is None else cls(scheme=value["scheme"], value=value["value"])


@strawberry.input(description="An identifier with the code of its scheme.")
class PartyIdentifierInput:
    scheme: str | None = strawberry.field(default=UNSET, description="The scheme's code.")
    value: str = strawberry.field(description="The identifier.")


@strawberry.type(description="How the organization is paid, on its e-invoices (BG-16).")
class PaymentMeans:
    code: str = strawberry.field(
        description="UNTDID 4461 code: 58 SEPA credit transfer, 30 credit transfer, 48 card."
    )
    iban: str = strawberry.field(description="The account paid into (IBAN), for a transfer.")
    bic: str = strawberry.field(description="Its bank's BIC, when given.")
    account_name: str = strawberry.field(description="The account's name, when given.")

    @classmethod
    def from_json(cls, value: dict[str, str] | None) -> PaymentMeans | None:
        if value is None:
            return None
        return cls(
            code=value["code"],
            iban=value["iban"],
            bic=value["bic"],
            account_name=value["accountName"],
        )


@strawberry.input(description="How the organization is paid; a credit transfer needs iban.")
class PaymentMeansInput:
    code: str = strawberry.field(description="UNTDID 4461 code (58, 30, 48, ...).")
    iban: str | None = strawberry.field(default=UNSET, description="IBAN, checked.")
    bic: str | None = strawberry.field(default=UNSET, description="BIC, checked.")
    account_name: str | None = strawberry.field(default=UNSET, description="Account name.")


@strawberry.type
class PartyFields:
    """The fields of a party's type: Organization and Client extend it."""

    party: strawberry.Private[Party]

    @strawberry.field(description="Its structured postal address; null if not given.")
    def postal_address(self) -> PostalAddress | None:
        return PostalAddress.from_json(self.party.postal_address)

    @strawberry.field(description="Its VAT identifier with the country prefix (DE136695976).")
    def vat_id(self) -> str:
        return self.party.vat_id

    @strawberry.field(description="Its legal registration (company number) and its scheme.")
    def legal_registration(self) -> PartyIdentifier | None:
        return PartyIdentifier.from_json(self.party.legal_registration)

    @strawberry.field(description="Its Peppol participant id (electronic address).")
    def peppol_id(self) -> PartyIdentifier | None:
        return PartyIdentifier.from_json(self.party.peppol_id)


@strawberry.input
class PartyInput:
    """The input fields of a party: organization and client inputs extend it."""

    postal_address: PostalAddressInput | None = strawberry.field(
        default=UNSET, description="Structured postal address (null clears it)."
    )
    vat_id: str | None = strawberry.field(
        default=UNSET, description="VAT identifier with its country prefix, checked."
    )
    legal_registration: PartyIdentifierInput | None = strawberry.field(
        default=UNSET, description="Legal registration id and its ISO 6523 scheme."
    )
    peppol_id: PartyIdentifierInput | None = strawberry.field(
        default=UNSET, description="Peppol participant id: EAS scheme and value."
    )
