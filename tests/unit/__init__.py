"""Unit tests: services and ui helpers without a server or a browser."""
