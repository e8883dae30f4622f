"""Film Study Guides: YAML about films in, a searchable study-guide site out."""

__version__ = "0.1.0"
