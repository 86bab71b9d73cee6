"""People: the attendee list and its edits, import and export, search, responses, the door desk, seating, QR."""
