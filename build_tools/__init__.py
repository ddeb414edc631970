"""Build helpers, not part of the program: the icon script and the bundle filter of build.spec."""
