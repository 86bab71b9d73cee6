"""Real-browser tests: the real `streamlit run app.py` driven by Debian's Chromium through Playwright."""
