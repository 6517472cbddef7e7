"""Documents as PDFs: the Chromium renderer (renderer.py), the view and the one template that
serves the PDF and the public page (view.py, templates/), and the stored PDFs (store.py)."""
