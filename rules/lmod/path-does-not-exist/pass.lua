help([[foo 1.0]])
local root = "/opt/apps/foo/1.0"
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("LD_LIBRARY_PATH", root .. "/lib")
prepend_path("MANPATH", pathJoin(root, "share/man"))
setenv("FOO_HOME", root)
setenv("FOO_OPTS", "-O2 -g")
append_path("MODULEPATH", "/opt/modulefiles/foo")
prepend_path("PATH", pathJoin(os.getenv("HOME"), "bin"))
