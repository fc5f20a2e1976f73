"""The monthly digest: the KPI scorecard and executive summary as an HTML e-mail with the deck attached.

Modules: ``settings`` (SMTP from the environment or .streamlit/secrets.toml), ``message`` (the e-mail),
``send`` (SMTP delivery), ``cli`` (``python -m cxdash digest``).
"""
