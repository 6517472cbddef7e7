"""The GraphiQL playground: its page and files (playground.py), their pinned sources (assets.py)."""
