"""GraphQL of credit notes and their refunds."""
