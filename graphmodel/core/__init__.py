"""Core: errors, the model, settings, as-of instants; imports nothing else of graphmodel."""
