help([[foo 1.0]])
load("foo")
--~^ lmod/load-self
depends_on("gcc", "foo/2.0")
--~^ lmod/load-self
