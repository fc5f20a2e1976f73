"""The reference page for `python -m cxdash bench`: the smallest Streamlit app with two pages to switch between."""

import streamlit as st


def hello() -> None:
    st.title("Hello")
    st.write("A page with a title and a line of text.")


def world() -> None:
    st.title("World")
    st.write("Another page with a title and a line of text.")


st.navigation([st.Page(hello, title="Hello", default=True), st.Page(world, title="World")]).run()
