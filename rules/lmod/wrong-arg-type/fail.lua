help([[foo 1.0]])
whatis(1.0)
--~^ lmod/wrong-arg-type
setenv(1, "x")
--~^ lmod/wrong-arg-type
setenv("FOO_OPTS", {"-O2"})
--~^ lmod/wrong-arg-type
prepend_path("PATH", 42)
--~^ lmod/wrong-arg-type
prepend_path("FOO_LIST", "/a", 0)
--~^ lmod/wrong-arg-type
family(nil)
--~^ lmod/wrong-arg-type
load("gcc", 12)
--~^ lmod/wrong-arg-type
depends_on({"gcc"})
--~^ lmod/wrong-arg-type
add_property("state", true)
--~^ lmod/wrong-arg-type
pushenv("FOO_FLAG", true)
--~^ lmod/wrong-arg-type
