"""Outbound webhooks: delivering signed requests to receivers' endpoints."""
