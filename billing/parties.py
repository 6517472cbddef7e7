"""What the e-invoicing standards need to know of a party (the organization as seller, a client
as buyer), validated on input: a structured postal address, the VAT identifier, a legal
registration, a Peppol participant id and, of the seller, how it is paid.

Each composite value is kept as JSON in the shape the APIs show (camelCase keys); the
validators here take what a caller gave and return that shape, or raise ValidationError
naming the field by its path (`postalAddress.country`). Codes are checked against the lists
of the official EN 16931 rules (`billing.codes`), identifiers with `python-stdnum` per
country or scheme, IBANs and BICs with `schwifty`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import pycountry
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import ean, get_cc_module
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.fr import siren, siret

from billing import codes, validation
from billing.errors import ValidationError

MAX_ADDRESS_LINES: Final = 3
_TEXT: Final = 200
_ID: Final = 100

# Checks of an identifier by its ISO 6523 ICD / EAS scheme, where a check digit tells a typo.
_SCHEME_CHECKS: Final[dict[str, Callable[[str], str]]] = {
    "0002": siren.validate,  # SIRENE (France)
    "0009": siret.validate,  # SIRET (France)
    "0088": lambda value: ean.validate(value) if len(value) == 13 else _wrong_length(13),
}
# Payment means whose payment goes to an account the buyer must be told (BR-61): credit
# transfers, SEPA or not.
CREDIT_TRANSFERS: Final = frozenset({"30", "58"})
# Greece's VAT identifiers start with EL, not its ISO code GR.
_VAT_PREFIXES: Final = {"EL": "gr", "XI": "gb"}


def _wrong_length(length: int) -> str:
    raise InvalidNumber(f"it must have {length} digits")


def _object(value: object, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{field} must be an object", field=field)
    return value


def country(value: object, *, field: str) -> str:
    """An ISO 3166-1 alpha-2 country code the EN 16931 rules accept (upper case)."""
    code = validation.text(value, field=field, max_length=2, required=True).upper()
    if code not in codes.code_list(codes.COUNTRIES):
        raise ValidationError(
            f"{field} must be an ISO 3166-1 alpha-2 country code such as DE or FR", field=field
        )
    return code


def postal_address(value: object, *, field: str = "postalAddress") -> dict[str, Any] | None:
    """A postal address (BT-35 to BT-40, BT-50 to BT-55): up to three street lines, city,
    postal code, an ISO 3166-2 subdivision of its country, and the country (required)."""
    if value is None:
        return None
    given = _object(value, field)
    validation.known_fields(
        given, {"lines", "city", "postal_code", "subdivision", "country"}, field
    )
    lines = given.get("lines") or []
    if not isinstance(lines, Sequence) or isinstance(lines, str):
        raise ValidationError(f"{field}.lines must be a list of strings", field=f"{field}.lines")
    if len(lines) > MAX_ADDRESS_LINES:
        raise ValidationError(
            f"{field}.lines holds at most {MAX_ADDRESS_LINES} lines", field=f"{field}.lines"
        )
    where = country(given.get("country"), field=f"{field}.country")
    subdivision = validation.text(
        given.get("subdivision"), field=f"{field}.subdivision", max_length=6
    ).upper()
    if subdivision:
        found = _subdivisions(code=subdivision)
        if found is None or found.country_code != where:
            raise ValidationError(
                f"{field}.subdivision must be an ISO 3166-2 code of {where}, such as "
                f"{_example_subdivision(where)}",
                field=f"{field}.subdivision",
            )
    return {
        "lines": [
            validation.text(line, field=f"{field}.lines[{index}]", max_length=_TEXT)
            for index, line in enumerate(lines)
        ],
        "city": validation.text(given.get("city"), field=f"{field}.city", max_length=_TEXT),
        "postalCode": validation.text(
            given.get("postal_code"), field=f"{field}.postalCode", max_length=32
        ),
        "subdivision": subdivision,
        "country": where,
    }


def _subdivisions(**key: str) -> Any:
    return pycountry.subdivisions.get(**key)  # type: ignore[no-untyped-call]


def _example_subdivision(where: str) -> str:
    found = sorted(_subdivisions(country_code=where) or [], key=lambda s: s.code)
    return found[0].code if found else f"{where}-01"


def vat_id(value: object, *, field: str = "vatId") -> str:
    """A VAT identifier with its country prefix (BT-31, BT-48), compacted (`DE136695976`) and
    checked with `python-stdnum` where it knows the country's numbers; empty for none."""
    given = validation.text(value, field=field, max_length=32)
    number = "".join(given.split()).replace(".", "").replace("-", "").upper()
    if not number:
        return ""
    prefix = number[:2]
    if not prefix.isalpha() or len(number) < 4:
        raise ValidationError(
            f"{field} must start with its country's two-letter prefix, e.g. DE136695976",
            field=field,
        )
    module = get_cc_module(_VAT_PREFIXES.get(prefix, prefix.lower()), "vat")
    if module is not None:
        try:
            compact = str(module.compact(module.validate(number)))
        except InvalidNumber as exc:
            raise ValidationError(
                f"{field} {number} is not a valid {prefix} VAT identifier ({exc})", field=field
            ) from None
        # Some modules drop the prefix; the identifier keeps it (BR-CO-9).
        return compact if compact.startswith(prefix) else prefix + compact
    if not number[2:].isalnum():
        raise ValidationError(f"{field} holds only letters and digits", field=field)
    return number


def _identifier(value: object, schemes: frozenset[str], field: str) -> dict[str, str] | None:
    if value is None:
        return None
    given = _object(value, field)
    validation.known_fields(given, {"scheme", "value"}, field)
    scheme = validation.text(given.get("scheme"), field=f"{field}.scheme", max_length=4)
    if scheme and scheme not in schemes:
        raise ValidationError(
            f"{field}.scheme {scheme!r} is not an identifier scheme of the EN 16931 code list",
            field=f"{field}.scheme",
        )
    number = validation.text(
        given.get("value"), field=f"{field}.value", max_length=_ID, required=True
    )
    if any(character.isspace() for character in number):
        raise ValidationError(f"{field}.value holds no spaces", field=f"{field}.value")
    check = _SCHEME_CHECKS.get(scheme)
    if check is not None:
        try:
            check(number)
        except InvalidNumber as exc:
            raise ValidationError(
                f"{field}.value {number} is not a valid identifier of scheme {scheme} ({exc})",
                field=f"{field}.value",
            ) from None
    return {"scheme": scheme, "value": number}


def legal_registration(value: object, *, field: str = "legalRegistration") -> dict[str, str] | None:
    """A legal registration id (BT-30, BT-47) with its optional ISO 6523 ICD scheme."""
    return _identifier(value, codes.code_list(codes.IDENTIFIER_SCHEMES), field)


def peppol_id(value: object, *, field: str = "peppolId") -> dict[str, str] | None:
    """A Peppol participant id, the electronic address (BT-34, BT-49): scheme (an EAS code,
    required) and value."""
    found = _identifier(value, codes.code_list(codes.ENDPOINT_SCHEMES), field)
    if found is not None and not found["scheme"]:
        raise ValidationError(
            f"{field}.scheme is required: the Electronic Address Scheme code, such as 0088 or 9930",
            field=f"{field}.scheme",
        )
    return found


def payment_means(value: object, *, field: str = "paymentMeans") -> dict[str, str] | None:
    """How the seller is paid (BG-16): a UNTDID 4461 code, and for a credit transfer the
    account (IBAN, checked, and optionally BIC and the account's name)."""
    if value is None:
        return None
    given = _object(value, field)
    validation.known_fields(given, {"code", "iban", "bic", "account_name"}, field)
    code = validation.text(given.get("code"), field=f"{field}.code", max_length=3, required=True)
    if code not in codes.code_list(codes.PAYMENT_MEANS):
        raise ValidationError(
            f"{field}.code {code!r} is not a UNTDID 4461 payment means code (58 is SEPA credit "
            "transfer, 30 credit transfer, 48 card)",
            field=f"{field}.code",
        )
    iban = validation.text(given.get("iban"), field=f"{field}.iban", max_length=42)
    bic = validation.text(given.get("bic"), field=f"{field}.bic", max_length=11)
    if code in CREDIT_TRANSFERS and not iban:
        raise ValidationError(
            f"{field}.iban is required for a credit transfer (code {code})", field=f"{field}.iban"
        )
    try:
        iban = IBAN(iban).compact if iban else ""
    except SchwiftyException as exc:
        raise ValidationError(
            f"{field}.iban is not a valid IBAN ({exc})", field=f"{field}.iban"
        ) from None
    try:
        bic = BIC(bic).compact if bic else ""
    except SchwiftyException as exc:
        raise ValidationError(
            f"{field}.bic is not a valid BIC ({exc})", field=f"{field}.bic"
        ) from None
    name = validation.text(
        given.get("account_name"), field=f"{field}.accountName", max_length=_TEXT
    )
    return {"code": code, "iban": iban, "bic": bic, "accountName": name}


def unit_code(value: object, *, field: str) -> str:
    """A line's unit of measure (BT-130), UN/ECE Recommendation 20 or 21; C62 ("one") when
    not given."""
    code = validation.text(value, field=field, max_length=3) or "C62"
    if code not in codes.code_list(codes.UNIT_CODES):
        raise ValidationError(
            f"{field} {code!r} is not a UN/ECE Recommendation 20 unit code (C62 one, HUR hour, "
            "DAY day, KGM kilogram)",
            field=field,
        )
    return code


def reference(value: object, *, field: str) -> str:
    """A reference the buyer gave (BT-10 buyer reference, e.g. a Leitweg-ID; BT-13 purchase
    order): text on one line, at most 200 characters."""
    return validation.text(value, field=field, max_length=_TEXT)


#: The fields every party takes, with their validators (by snake_case name), for
#: `billing.clients` and `billing.organizations`.
PARTY_FIELDS: Final[dict[str, Callable[[Any], Any]]] = {
    "postal_address": lambda v: postal_address(v),
    "vat_id": lambda v: vat_id(v),
    "legal_registration": lambda v: legal_registration(v),
    "peppol_id": lambda v: peppol_id(v),
}
