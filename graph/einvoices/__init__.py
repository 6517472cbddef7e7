"""E-invoices over GraphQL: Invoice.eInvoice and CreditNote.eInvoice."""
