help([[foo 1.0]])
always_load("gcc/13.2")
--~^ lmod/always-load
