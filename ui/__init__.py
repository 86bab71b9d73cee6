"""Streamlit glue shared by the pages: the store, the cached dataset, language, error display. Pages import this; services never do."""
