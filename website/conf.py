"""Sphinx configuration of the course and API website (``make site``; see ``website/build.py``).

The site works offline and loads nothing from outside itself: no intersphinx,
no widget scripts from a CDN (widgets are drawn as static HTML beforehand), no
remote fonts or images (pydata-sphinx-theme bundles its own).
"""

from __future__ import annotations

import labkit

project = "labkit"
author = "The labkit developers"
copyright = "the labkit developers; synthetic data only"
release = labkit.__version__
version = release
language = "en_GB"
html_search_language = "en"

extensions = ["myst_nb", "sphinx.ext.autodoc", "numpydoc"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns: list[str] = []
templates_path: list[str] = []

# Notebooks show the outputs stored in them; nothing is run.
nb_execution_mode = "off"
# No widget scripts (they come from a CDN): website/notebooks.py draws each widget as HTML instead.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_merge_streams = True
myst_heading_anchors = 3

# The API reference, from the numpydoc docstrings.
autodoc_member_order = "bysource"
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()
autodoc_default_options = {"members": True}

html_theme = "pydata_sphinx_theme"
html_title = "labkit"
html_static_path = ["_static"]
html_css_files = ["labkit-site.css"]
html_copy_source = False
# The module index would be a page no link leads to: the API index lists every package.
html_domain_indices = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 6,
    "icon_links": [],
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
    "navbar_end": ["theme-switcher"],
    # The icon button: the wide "Search Ctrl+K" field shows words its accessible name lacks (axe-core,
    # label-content-name-mismatch).
    "navbar_persistent": ["search-button"],
}
html_context = {"default_mode": "light"}
