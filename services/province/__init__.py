"""The provincial council's view of every unit (issue 29): one row per unit from its validated dataset
(`status`), and the merged documents the council sends on — the provincial congress's delegate list and the
province-wide list of proposals to the Chủ tịch UBND tỉnh (`merged`). No streamlit: content/province.py draws."""
