"""Pages through Streamlit's AppTest, and the server's health."""
