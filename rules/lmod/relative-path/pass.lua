help([[foo 1.0]])
local root = "/opt/apps/foo/1.0"
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("MODULEPATH", "/opt/modulefiles/foo")
prepend_path("PATH", pathJoin(os.getenv("HOME"), ".local/bin"))
prepend_path("FOO_FLAGS", "-O2", " ")
setenv("FOO_SUBDIR", "lib")
prepend_path("PATH", "$HOME/bin")
