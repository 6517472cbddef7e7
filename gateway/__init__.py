"""Plain ASGI middleware in front of both API surfaces: authentication (and, later, limits)."""
