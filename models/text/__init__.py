"""Rules of Chinese text, one place each."""
