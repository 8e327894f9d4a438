"""leadqual: a chat-style lead qualification assistant (extract, store, score, explain)."""

__version__ = "0.1.0"
