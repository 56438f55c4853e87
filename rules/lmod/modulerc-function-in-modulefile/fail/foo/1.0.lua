help([[foo 1.0]])
setenv("FOO_HOME", "/opt/apps/foo/1.0")
module_version("foo/1.0", "default")
--~^ lmod/modulerc-function-in-modulefile
hide_version("foo/0.9")
--~^ lmod/modulerc-function-in-modulefile
