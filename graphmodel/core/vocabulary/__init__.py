"""Package data: the role vocabulary in English and Chinese."""
