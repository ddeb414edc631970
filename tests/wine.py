"""Whether the tests run under Wine, for the few skips of what only Wine lacks.

A skip on `UNDER_WINE` is for a gap of Wine 8 (a Windows call it does not implement, a DLL it
cannot load); what real Windows cannot do either is skipped on `os.name == "nt"` instead, and
what real Windows does differently is fixed in the code. Wine is recognised the way programs do
it on Windows: ntdll.dll exports wine_get_version, which Microsoft's never does.
"""

from __future__ import annotations

import sys

import pytest


def _under_wine() -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except OSError:
        return False


UNDER_WINE = _under_wine()


def wine_lacks(what: str) -> pytest.MarkDecorator:
    """Skip under Wine only: `what` names the missing call or DLL (runs on real Windows)."""
    return pytest.mark.skipif(UNDER_WINE, reason=f"Wine 8 lacks {what} (runs on real Windows)")
