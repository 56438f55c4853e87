help([[foo 1.0]])
depends_on("gcc/12.1")
--~^ lmod/load-not-in-tree
load("gcc", "opnempi")
--~^ lmod/load-not-in-tree
prereq_any("intel", "nvhpc")
--~^ lmod/load-not-in-tree
