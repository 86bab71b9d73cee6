"""How a value is shown: money and numbers, dates, the names of values in the UI."""
