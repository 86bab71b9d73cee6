"""How the app is set up: which store (backend), the units of a deployment, the seed data, the settings form and the first-run checks."""
