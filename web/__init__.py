"""The public pages: a document at its unguessable link, as a web page, its PDF, and an
estimate's Accept. The token in the link is the credential; no API key is involved."""
