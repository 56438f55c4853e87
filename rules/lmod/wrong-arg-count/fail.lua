help([[foo 1.0]])
whatis("Description: foo")
setenv("FOO_HOME")
--~^ lmod/wrong-arg-count
pushenv("FOO_CONFIG")
--~^ lmod/wrong-arg-count
prepend_path("PATH")
--~^ lmod/wrong-arg-count
append_path("MANPATH", "/opt/apps/foo/1.0/man", ":", "extra")
--~^ lmod/wrong-arg-count
family()
--~^ lmod/wrong-arg-count
family("compiler", "mpi")
--~^ lmod/wrong-arg-count
complete("bash", "foo")
--~^ lmod/wrong-arg-count
load()
--~^ lmod/wrong-arg-count
setenv("A", "1", true, "x")
--~^ lmod/wrong-arg-count
module_alias("foo1")
--~^ lmod/wrong-arg-count
