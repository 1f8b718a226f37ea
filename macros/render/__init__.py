"""Validated records → page content: pages, templates/, timer plans, figures, QR codes."""
