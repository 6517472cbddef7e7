"""Extension: checking an e-invoice received from a supplier, sent as the file itself."""

from __future__ import annotations

import asyncio

from einvoice import reading
from models import Organization
from rest import shapes
from rest.pdfs import ReceivedEInvoice
from rest.serializers import one


async def check_einvoice(
    org: Organization, upload: ReceivedEInvoice
) -> shapes.One[shapes.EInvoiceCheck]:
    """Check an e-invoice received from a supplier.

    The body is the file: UBL 2.1 Invoice or CreditNote or CII as `application/xml` (or
    `text/xml`), or a Factur-X / ZUGFeRD PDF as `application/pdf`, at most 10 MB. It is parsed
    without DTD, entities or network, validated by the XSD and CEN's EN 16931 rules, and its
    main values read back for comparison with what was expected; nothing is stored. A file
    that is no e-invoice is a 200 with `valid` false and the finding saying why.
    """
    received = await asyncio.to_thread(reading.read, upload.content)
    read = received.values.get
    return one(
        {
            "syntax": None if received.syntax is None else received.syntax.value,
            "valid": received.valid,
            "findings": [
                {"rule": f.rule, "flag": f.flag, "location": f.location, "text": f.text}
                for f in received.findings
            ],
            "number": read("number"),
            "typeCode": read("type_code"),
            "issueDate": read("issue_date"),
            "currency": read("currency"),
            "sellerName": read("seller_name"),
            "sellerVatId": read("seller_vat_id"),
            "buyerName": read("buyer_name"),
            "buyerVatId": read("buyer_vat_id"),
            "total": read("total"),
            "taxTotal": read("tax_total"),
            "due": read("due"),
        }
    )
