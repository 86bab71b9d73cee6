"""Awards: award types, nominations, the council's vote, honours order, delegates, talks."""
