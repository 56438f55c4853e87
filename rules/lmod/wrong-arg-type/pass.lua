help([[foo 1.0]])
whatis("Version: 1.0")
setenv("OMP_NUM_THREADS", 4)
setenv("FOO_DEBUG", false)
pushenv("FOO_CONFIG", false)
set_alias("ll", "ls -l")
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
prepend_path{"PATH", "/opt/apps/foo/1.0/sbin", priority=100}
setenv{"FOO_LOADED", "yes", modeA={"load"}}
load("gcc", atleast("cmake", "3.20"))
depends_on(between("openmpi", "4.0", "5.0"))
family("compiler")
add_property("state", "testing")
-- the type of an expression is only known at run time
setenv("FOO_HOME", os.getenv("FOO_ROOT") or "/opt/apps/foo/1.0")
