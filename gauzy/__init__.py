"""A second REST door, mounted at /api: the invoice, estimate and payment endpoints of Ever
Gauzy's documentation, translated to billing/ calls and back (nothing more), served by the
machinery of rest/ (see rest.door)."""
