"""The course and API website: ``make site`` writes it to ``_build/site``.

``website.build`` gathers the pages into ``_build/site-src`` (lessons and
exercises as notebooks with their stored outputs, ``docs/`` as Markdown, the
landing page, the trainers' pages and one API page per public labkit
subpackage) and runs Sphinx on them with ``website/conf.py``. See
``docs/website.md``.
"""
