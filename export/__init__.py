"""Exports: GB/T 9704 .docx, user templates, task tables (.docx/.xlsx), HTML for print and PDF."""
