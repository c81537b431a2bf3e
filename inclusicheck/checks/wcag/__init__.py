"""The `wcag` pack's checks (WCAG 2.2, RGAA 4.1.2), by theme.

- axe.py: the axe-core rules, one finding per node axe reports (engines/browser.py runs axe);
- browser.py: rules of our own on the rendered page (label in name, autoplaying audio, stylesheets
  not loaded);
- lang.py: the page's and passages' languages, text direction;
- links.py, structure.py (title, doctype, headings, presentational markup), tables.py, images.py,
  forms.py: static checks of the HTML, for what axe does not check or checks without a browser;
- elements.py: what these share (exposed elements, roles, accessible names).
"""
