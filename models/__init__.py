"""PlanDesk domain and storage: no Qt here (see STYLE.md §1)."""

__version__ = "0.1.0"
APP_NAME = "PlanDesk"
