"""What e-invoices need of the seller, the buyer and each document, over GraphQL: structured
addresses, VAT and legal identifiers, Peppol ids, payment means, buyer and purchase order
references and units of measure, normalized when valid and refused by their path when not,
changing nothing. Through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Client, Organization
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, codes, data, new_client, ok

Json = dict[str, Any]

PARTY = (
    "postalAddress { lines city postalCode subdivision country } vatId"
    " legalRegistration { scheme value } peppolId { scheme value }"
)
ORGANIZATION = (
    "mutation($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) {"
    f" organization {{ {PARTY} paymentMeans {{ code iban bic accountName }} }} {ERRORS} }} }}"
)
CLIENT = (
    "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
    f" client {{ id {PARTY} buyerReference }} {ERRORS} }} }}"
)
INVOICE = (
    "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
    " invoice { id buyerReference purchaseOrderReference deliveryDate deliveryCountry"
    " lineItems { unitCode } }"
    f" {ERRORS} }} }}"
)
SELLER = {
    "postalAddress": {
        "lines": ["Hauptstraße 1", "Hinterhaus"],
        "city": "München",
        "postalCode": "80331",
        "subdivision": "de-by",
        "country": "de",
    },
    "vatId": "de 136.695.976",
    "legalRegistration": {"scheme": "0088", "value": "4000001123452"},
    "peppolId": {"scheme": "9930", "value": "DE136695976"},
    "paymentMeans": {"code": "58", "iban": "DE89 3704 0044 0532 0130 00", "bic": "COBADEFFXXX"},
}


async def update_organization(http: httpx.AsyncClient, tenant: Tenant, **fields: Any) -> Json:
    result = await data(http, tenant, ORGANIZATION, {"input": fields})
    payload: Json = result["organizationUpdate"]
    return payload


async def test_the_seller_is_stored_normalized(http: httpx.AsyncClient, tenant: Tenant) -> None:
    organization = ok(await update_organization(http, tenant, **SELLER))["organization"]
    assert organization == {
        "postalAddress": {
            "lines": ["Hauptstraße 1", "Hinterhaus"],
            "city": "München",
            "postalCode": "80331",
            "subdivision": "DE-BY",
            "country": "DE",
        },
        "vatId": "DE136695976",
        "legalRegistration": {"scheme": "0088", "value": "4000001123452"},
        "peppolId": {"scheme": "9930", "value": "DE136695976"},
        "paymentMeans": {
            "code": "58",
            "iban": "DE89370400440532013000",
            "bic": "COBADEFFXXX",
            "accountName": "",
        },
    }
    # Null clears a composite value; a field left out keeps its value.
    cleared = ok(await update_organization(http, tenant, paymentMeans=None, postalAddress=None))
    assert cleared["organization"]["paymentMeans"] is None
    assert cleared["organization"]["postalAddress"] is None
    assert cleared["organization"]["vatId"] == "DE136695976"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"vatId": "DE123"}, "vatId", "vatId DE123 is not a valid DE VAT identifier"),
        ({"vatId": "123456789"}, "vatId", "vatId must start with its country's two-letter"),
        (
            {"postalAddress": {"city": "Paris", "country": "XX"}},
            "postalAddress.country",
            "postalAddress.country must be an ISO 3166-1 alpha-2 country code",
        ),
        (
            {"postalAddress": {"country": "DE", "subdivision": "FR-75"}},
            "postalAddress.subdivision",
            "postalAddress.subdivision must be an ISO 3166-2 code of DE",
        ),
        (
            {"postalAddress": {"country": "DE", "lines": ["a", "b", "c", "d"]}},
            "postalAddress.lines",
            "postalAddress.lines holds at most 3 lines",
        ),
        (
            {"paymentMeans": {"code": "58"}},
            "paymentMeans.iban",
            "paymentMeans.iban is required for a credit transfer (code 58)",
        ),
        (
            {"paymentMeans": {"code": "58", "iban": "DE89 3704 0044 0532 0130 01"}},
            "paymentMeans.iban",
            "paymentMeans.iban is not a valid IBAN",
        ),
        (
            {"paymentMeans": {"code": "58", "iban": "DE89370400440532013000", "bic": "X"}},
            "paymentMeans.bic",
            "paymentMeans.bic is not a valid BIC",
        ),
        (
            {"paymentMeans": {"code": "999"}},
            "paymentMeans.code",
            "paymentMeans.code '999' is not a UNTDID 4461 payment means code",
        ),
        (
            {"peppolId": {"value": "DE136695976"}},
            "peppolId.scheme",
            "peppolId.scheme is required",
        ),
        (
            {"peppolId": {"scheme": "1234", "value": "x"}},
            "peppolId.scheme",
            "peppolId.scheme '1234' is not an identifier scheme of the EN 16931 code list",
        ),
        (
            {"legalRegistration": {"scheme": "0088", "value": "4000001123453"}},
            "legalRegistration.value",
            "legalRegistration.value 4000001123453 is not a valid identifier of scheme 0088",
        ),
        (
            {"legalRegistration": {"scheme": "0002", "value": "73282932 1"}},
            "legalRegistration.value",
            "legalRegistration.value holds no spaces",
        ),
    ],
)
async def test_bad_party_data_is_refused_by_its_path_and_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, field: str, message: str
) -> None:
    before = await Organization.get(id=tenant.org.id)
    payload = await update_organization(http, tenant, **fields)
    assert payload["organization"] is None and codes(payload) == [("VALIDATION", field)]
    assert payload["errors"][0]["message"].startswith(message), payload["errors"][0]
    after = await Organization.get(id=tenant.org.id)
    assert (after.updated_at, after.vat_id, after.postal_address, after.payment_means) == (
        before.updated_at,
        before.vat_id,
        before.postal_address,
        before.payment_means,
    )


async def test_a_client_gives_its_buyer_reference_to_its_documents(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    buyer = {
        "name": "Stadt Köln",
        "postalAddress": {"lines": ["Willy-Brandt-Platz 2"], "city": "Köln", "country": "DE"},
        "vatId": "DE 811 193 231",
        "peppolId": {"scheme": "0204", "value": "05315-00000-47"},
        "buyerReference": "05315-00000-47",
    }
    result = await data(http, tenant, CLIENT, {"input": buyer})
    client = ok(result["clientCreate"])["client"]
    assert client["vatId"] == "DE811193231"
    assert client["postalAddress"]["subdivision"] == "" and client["buyerReference"]
    line = {"description": "Beratung", "quantity": "8", "unitPrice": "120", "unitCode": "HUR"}

    async def invoice(**fields: Any) -> Json:
        values = {"clientId": client["id"], "lineItems": [line, {**line, "unitCode": None}]}
        created = await data(http, tenant, INVOICE, {"input": {**values, **fields}})
        payload: Json = created["invoiceCreate"]
        return payload

    quoted = ok(await invoice(purchaseOrderReference="PO-2026-17"))["invoice"]
    assert quoted["buyerReference"] == "05315-00000-47"
    assert quoted["purchaseOrderReference"] == "PO-2026-17"
    assert quoted["lineItems"] == [{"unitCode": "HUR"}, {"unitCode": "C62"}]
    own = ok(await invoice(buyerReference="Dept. 42"))["invoice"]
    assert own["buyerReference"] == "Dept. 42"

    refused = await invoice(lineItems=[{**line, "unitCode": "XXX"}])
    assert codes(refused) == [("VALIDATION", "lineItems[0].unitCode")]
    too_long = await invoice(buyerReference="x" * 201)
    assert codes(too_long) == [("VALIDATION", "buyerReference")]

    delivered = ok(await invoice(deliveryDate="2026-05-04", deliveryCountry="at"))["invoice"]
    assert (delivered["deliveryDate"], delivered["deliveryCountry"]) == ("2026-05-04", "AT")
    assert (own["deliveryDate"], own["deliveryCountry"]) == (None, "")
    nowhere = await invoice(deliveryCountry="Austria")
    assert codes(nowhere) == [("VALIDATION", "deliveryCountry")]


async def test_an_estimate_converted_keeps_its_references_and_units(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    line = {"description": "Tiles", "quantity": "12.5", "unitPrice": "30", "unitCode": "MTK"}
    created = await data(
        http,
        tenant,
        "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) {"
        f" estimate {{ id }} {ERRORS} }} }}",
        {
            "input": {
                "clientId": client["id"],
                "lineItems": [line],
                "buyerReference": "B-7",
                "purchaseOrderReference": "PO-9",
                "deliveryDate": "2026-06-01",
                "deliveryCountry": "FR",
            }
        },
    )
    estimate = ok(created["estimateCreate"])["estimate"]
    converted = await data(
        http,
        tenant,
        "mutation($id: ID!) { estimateConvert(id: $id) { invoice {"
        " buyerReference purchaseOrderReference deliveryDate deliveryCountry"
        f" lineItems {{ unitCode }} }} {ERRORS} }} }}",
        {"id": estimate["id"]},
    )
    assert ok(converted["estimateConvert"])["invoice"] == {
        "buyerReference": "B-7",
        "purchaseOrderReference": "PO-9",
        "deliveryDate": "2026-06-01",
        "deliveryCountry": "FR",
        "lineItems": [{"unitCode": "MTK"}],
    }
    stored = await Client.get(id=client["id"])
    assert (stored.vat_id, stored.postal_address, stored.peppol_id) == ("", None, None)
