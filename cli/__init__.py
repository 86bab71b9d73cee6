"""The command line beside the app (`python -m cli …`): it imports the services; nothing in `services/` imports it."""

from cli.commands import main

__all__ = ["main"]
