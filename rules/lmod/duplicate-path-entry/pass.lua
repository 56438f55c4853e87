help([[foo 1.0]])
local root = "/opt/apps/foo/1.0"
prepend_path("LD_LIBRARY_PATH", pathJoin(root, "lib"))
prepend_path("LD_LIBRARY_PATH", pathJoin(root, "lib64"))
prepend_path("PATH", pathJoin(root, "bin"))
prepend_path("LIBRARY_PATH", pathJoin(root, "lib"))
if os.getenv("FOO_DEBUG") then
   prepend_path("PATH", pathJoin(root, "bin"))
end
