"""Known rknn-toolkit2 2.5.0 crashes: graph patterns that make a pass or the compiler fail, with the workaround."""
