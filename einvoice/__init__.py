"""European e-invoices: EN 16931 documents in UBL 2.1 and UN/CEFACT CII, generated from
billing's values and validated by the official rules."""
