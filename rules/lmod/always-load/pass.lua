help([[foo 1.0]])
depends_on("gcc/13.2")
