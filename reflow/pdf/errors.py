"""Why a PDF cannot be read, in one line each (exit code 2 on the command line)."""
from __future__ import annotations

INSTALL = "pip install 'reflow[pdf]'"
NO_TEXT = "no text layer; run OCR first, for example ocrmypdf, then reflow the text"


class PdfError(ValueError):
    """A PDF reflow cannot read: not a PDF, encrypted, damaged, empty, without text, or the
    `pdf` extra is not installed. The message is one line and says what to do."""
