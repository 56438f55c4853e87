help([[foo 1.0]])
depends_on("openmpi/4.1")
load("gcc/13.2")
conflict("openmpi")
--~^ lmod/conflict-with-dependency
conflict("intel", "gcc/13.2")
--~^ lmod/conflict-with-dependency
