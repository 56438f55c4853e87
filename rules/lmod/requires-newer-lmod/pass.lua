help([[foo 1.0]])
depends_on("openmpi")
if mode() == "load" then
   setenv("FOO_MODE", "fast")
end
prepend_path{"PATH", "/opt/apps/foo/1.0/bin", priority=100}
conflict("bar")
