help([[foo 1.0]])
prepend_path("PATH", "/opt/apps/foo/1.0/bin:")
--~^ lmod/path-empty-entry
append_path("LD_LIBRARY_PATH", ":/opt/apps/foo/1.0/lib")
--~^ lmod/path-empty-entry
prepend_path("CPATH", "/opt/apps/foo/1.0/include::/opt/apps/foo/1.0/include/foo")
--~^ lmod/path-empty-entry
local extra = ""
prepend_path("PYTHONPATH", extra)
--~^ lmod/path-empty-entry
