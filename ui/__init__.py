"""Everything with widgets: main window, item models, panels, dialogs, undo commands."""

from __future__ import annotations

import sys


def _pin_true_refcount() -> None:
    """Work around a reference leak of PySide6 6.12 on CPython < 3.12.

    Measured here (PySide6 6.12.0, Python 3.11.7): every ``SignalInstance.emit()`` called
    from Python returns ``True`` without taking a reference, so each emit drops one
    reference to the ``True`` singleton. After a few thousand emits (a morning of editing)
    the count reaches zero and CPython aborts with "Fatal Python error: bool_dealloc".
    From 3.12 on, True is immortal and nothing needs doing. Below that, give True a
    reference count no session can use up (2**40 emits). tests/ui/test_app.py checks it.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    # ob_refcnt is the first field of every PyObject (a Py_ssize_t) in release builds.
    refcount = ctypes.c_ssize_t.from_address(id(True))
    refcount.value += 1 << 40


_pin_true_refcount()
