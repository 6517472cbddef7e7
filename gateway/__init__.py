"""Plain ASGI middleware in front of both API surfaces: authentication, rate limits, body size.

It imports no surface (graph, rest, web): the middleware that refuses does so through the
callable the app gives it (gateway/refusal.py), and the API key's absence is refused by each
surface itself."""
