help([[foo 1.0]])
local root = "/opt/apps/foo/1.0"
prepend_path("LD_LIBRARY_PATH", pathJoin(root, "lib"))
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("LD_LIBRARY_PATH", pathJoin(root, "lib"))
--~^ lmod/duplicate-path-entry
append_path("PATH", root .. "/bin/")
--~^ lmod/duplicate-path-entry
