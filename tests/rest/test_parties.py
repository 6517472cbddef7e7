"""E-invoice data over the v1 routes (extensions): a client's structured address, VAT id,
legal registration, Peppol id and buyer reference set with its create and update and read at
/clients/{id}/party; documents' references and lines' unit codes, which their e-invoice
carries; bad values refused by path with nothing changed; the contract's shapes untouched."""

from __future__ import annotations

from typing import Any

import httpx
from lxml import etree

from billing import documents
from models import Client, Document
from models.enums import Series
from tests.conftest import Tenant
from tests.einvoice.conftest import a_seller
from tests.einvoice.test_rules import CBC
from tests.rest.conftest import data_of, error_of, send

Json = dict[str, Any]
CONTRACT_CLIENT = {
    "id",
    "name",
    "email",
    "address",
    "taxId",
    "phone",
    "notes",
    "isActive",
    "createdAt",
    "updatedAt",
}
BUYER: Json = {
    "name": "Globex SA",
    "email": "ap@globex.example",
    "postalAddress": {
        "lines": ["Rue de la Loi 16"],
        "city": "Bruxelles",
        "postalCode": "1000",
        "country": "be",
    },
    "vatId": "BE 0403.170.701",
    "legalRegistration": {"scheme": "0208", "value": "0403170701"},
    "peppolId": {"scheme": "0208", "value": "0403170701"},
    "buyerReference": "PO-BOX-7",
}


async def a_client(http: httpx.AsyncClient, tenant: Tenant, **changes: Any) -> str:
    created = data_of(
        await send(http, "POST", "/api/v1/clients", tenant, {**BUYER, **changes}), 201
    )
    assert set(created) == CONTRACT_CLIENT  # the contract's client, nothing more
    return str(created["id"])


async def party_of(http: httpx.AsyncClient, tenant: Tenant, client_id: str) -> Json:
    party: Json = data_of(await send(http, "GET", f"/api/v1/clients/{client_id}/party", tenant))
    return party


async def test_a_clients_e_invoice_data_is_set_and_read_over_rest(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client_id = await a_client(http, tenant)
    assert await party_of(http, tenant, client_id) == {
        "id": client_id,
        "postalAddress": {
            "lines": ["Rue de la Loi 16"],
            "city": "Bruxelles",
            "postalCode": "1000",
            "subdivision": "",
            "country": "BE",
        },
        "vatId": "BE0403170701",  # compact, with its prefix
        "legalRegistration": {"scheme": "0208", "value": "0403170701"},
        "peppolId": {"scheme": "0208", "value": "0403170701"},
        "buyerReference": "PO-BOX-7",
    }
    updated = await send(
        http,
        "PUT",
        f"/api/v1/clients/{client_id}",
        tenant,
        {"postalAddress": None, "peppolId": None, "buyerReference": "991-01234-56"},
    )
    assert set(data_of(updated)) == CONTRACT_CLIENT
    party = await party_of(http, tenant, client_id)
    assert (party["postalAddress"], party["peppolId"], party["buyerReference"]) == (
        None,
        None,
        "991-01234-56",
    )
    assert party["vatId"] == "BE0403170701"  # absent fields keep their value
    error_of(await send(http, "GET", f"/api/v1/clients/{client_id}/party", other_tenant), 404)


async def test_bad_party_values_are_refused_by_path_and_change_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client_id = await a_client(http, tenant)
    before = await Client.get(id=client_id)
    url = f"/api/v1/clients/{client_id}"
    refusals: dict[str, tuple[Json, str]] = {
        "vatId": ({"vatId": "BE0403170702"}, "vatId"),
        "country": ({"postalAddress": {"country": "XX"}}, "postalAddress.country"),
        "nested unknown": (
            {"postalAddress": {"country": "BE", "street": "x"}},
            "postalAddress.street",
        ),
        "missing country": ({"postalAddress": {"city": "Gent"}}, "postalAddress.country"),
        "scheme": ({"peppolId": {"scheme": "12", "value": "x"}}, "peppolId.scheme"),
        "shape": ({"legalRegistration": "0403170701"}, "legalRegistration"),
        "multi-line reference": ({"buyerReference": "a\nb"}, "buyerReference"),
    }
    for case, (body, path) in refusals.items():
        message = error_of(await send(http, "PUT", url, tenant, {"name": "Changed", **body}), 400)
        assert path in message, (case, message)
    after = await Client.get(id=client_id)
    assert (after.name, after.updated_at, after.postal_address, after.vat_id) == (
        before.name,
        before.updated_at,
        before.postal_address,
        before.vat_id,
    )
    created = await send(http, "POST", "/api/v1/clients", tenant, {**BUYER, "vatId": "DE1"})
    assert "vatId" in error_of(created, 400)
    assert await Client.filter(organization_id=tenant.org.id).count() == 1


async def test_documents_references_and_unit_codes_reach_the_e_invoice(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await a_seller(tenant.org)
    client_id = await a_client(http, tenant)
    line = {"description": "Consulting", "quantity": 3, "unitPrice": 100, "taxRate": 21}
    body = {
        "clientId": client_id,
        "dueDate": "2026-12-31",
        "purchaseOrderReference": "PO-4711",
        "deliveryDate": "2026-12-01",
        "deliveryCountry": "BE",
        "lineItems": [{**line, "unitCode": "HUR"}, {**line, "description": "Licence"}],
    }
    created = data_of(await send(http, "POST", "/api/v1/invoices", tenant, body), 201)
    await documents.mark_sent(tenant.org, created["id"], Series.INVOICE)
    xml = await send(http, "GET", f"/api/v1/invoices/{created['id']}/einvoice", tenant)
    assert xml.status_code == 200, xml.text
    root = etree.fromstring(xml.content)
    assert root.findtext(f"{CBC}BuyerReference") == "PO-BOX-7"  # the client's
    assert root.findtext(f".//{{*}}OrderReference/{CBC}ID") == "PO-4711"
    assert root.findtext(f".//{{*}}Delivery/{CBC}ActualDeliveryDate") == "2026-12-01"
    units = [node.get("unitCode") for node in root.iter(f"{CBC}InvoicedQuantity")]
    assert units == ["HUR", "C62"]

    # An estimate's update takes them too, its own buyer reference over the client's.
    estimate = data_of(
        await send(http, "POST", "/api/v1/estimates", tenant, {"clientId": client_id}), 201
    )
    changed = await send(
        http,
        "PUT",
        f"/api/v1/estimates/{estimate['id']}",
        tenant,
        {"buyerReference": "04011000-12345-03", "lineItems": [{**line, "unitCode": "DAY"}]},
    )
    data_of(changed)
    stored = await Document.get(id=estimate["id"]).prefetch_related("line_items")
    assert stored.buyer_reference == "04011000-12345-03"
    assert [item.unit_code for item in stored.line_items] == ["DAY"]


async def test_a_bad_unit_code_is_refused_and_nothing_is_created(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client_id = await a_client(http, tenant)
    line = {"description": "Consulting", "quantity": 1, "unitPrice": 100, "unitCode": "QQQ"}
    body = {"clientId": client_id, "lineItems": [line]}
    message = error_of(await send(http, "POST", "/api/v1/invoices", tenant, body), 400)
    assert "lineItems[0].unitCode" in message
    too_long = {"clientId": client_id, "purchaseOrderReference": "x" * 201}
    assert "purchaseOrderReference" in error_of(
        await send(http, "POST", "/api/v1/invoices", tenant, too_long), 400
    )
    nowhere = {"clientId": client_id, "deliveryCountry": "Austria"}
    assert "deliveryCountry" in error_of(
        await send(http, "POST", "/api/v1/invoices", tenant, nowhere), 400
    )
    never = {"clientId": client_id, "deliveryDate": "2026-02-30"}
    assert "deliveryDate" in error_of(
        await send(http, "POST", "/api/v1/invoices", tenant, never), 400
    )
    assert await Document.filter(organization_id=tenant.org.id).count() == 0
