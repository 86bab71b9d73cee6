"""The storage backends: the Store contract on every backend, the Sheets API emulator, races, retries, typed cells."""
