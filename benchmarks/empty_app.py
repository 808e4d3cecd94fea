"""The floor of every first-load figure: a Streamlit page with one title and nothing else.

The benchmark opens it in the same harness as the dashboard, so the time Streamlit's frontend
needs to start on this machine, whatever the data, is printed next to our own figures."""

import streamlit as st

st.title("Empty page")
