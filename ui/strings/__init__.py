"""Every Chinese text of the user interface (STYLE.md §7): constants, so a typo fails at import.

One module per part of the window; ``from ui import strings`` and ``strings.NAME`` reach them
all. A name is defined in one module only (tests/test_layering.py): two definitions of one
name once made the later silently win.
"""

from __future__ import annotations

from ui.strings.backup import *  # noqa: F403
from ui.strings.evidence import *  # noqa: F403
from ui.strings.exchange import *  # noqa: F403
from ui.strings.exporting import *  # noqa: F403
from ui.strings.importing import *  # noqa: F403
from ui.strings.messages import *  # noqa: F403
from ui.strings.outline import *  # noqa: F403
from ui.strings.reports import *  # noqa: F403
from ui.strings.rollover import *  # noqa: F403
from ui.strings.shell import *  # noqa: F403
from ui.strings.supervision import *  # noqa: F403
from ui.strings.tracking import *  # noqa: F403
