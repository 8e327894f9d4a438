"""How reps ask and correct in each language: phrase lists read by assistant.chat (data, not code)."""
