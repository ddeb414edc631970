"""The outline: the plan tree model, the plan/section/task panels, the node clipboard."""
