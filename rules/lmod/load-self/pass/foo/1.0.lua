help([[foo 1.0]])
load("bar")
depends_on("gcc", "foo-data/2.0")
