"""The script ``serve`` hands to ``streamlit run``: the dashboard as an ``st.App`` behind :class:`Guard`.

``streamlit run incidents/ui/server_app.py`` finds ``app`` (Streamlit's ASGI-app discovery) and
serves the script named by ``IIM_SCRIPT`` (default: dashboard.py, whose ``pages/`` come with it)
with the middleware of ``incidents.serving.guard`` in front, configured from the environment
``serve`` set (allowed hosts, warm-up token). AppTest and ``streamlit run dashboard.py`` do not
pass through here.
"""

import os

import streamlit as st
from starlette.middleware import Middleware

from incidents.serving.guard import Guard, settings_from_env
from incidents.serving.server import DASHBOARD

app = st.App(os.environ.get("IIM_SCRIPT") or str(DASHBOARD),
             middleware=[Middleware(Guard, **settings_from_env(os.environ))])
