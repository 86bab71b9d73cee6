"""Sơ đồ chỗ ngồi — placeholder until its issue lands."""

from ui.placeholder import placeholder_page

placeholder_page("seating", "attendees")
