"""The background worker: webhook deliveries and the scheduled passes (worker.runner)."""
