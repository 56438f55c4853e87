help([[foo 1.0]])
