"""Plain ASGI middleware in front of both API surfaces: authentication, rate limits, body size."""
