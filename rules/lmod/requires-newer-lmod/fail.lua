help([[foo 1.0]])
depends_on_any("openmpi", "mpich")
--~^ lmod/requires-newer-lmod
setenv{"FOO_MODE", "fast", modeA={"load"}}
--~^ lmod/requires-newer-lmod
prepend_path{"PATH", "/opt/apps/foo/1.0/bin", modeA={"load"}}
--~^ lmod/requires-newer-lmod
purge()
--~^ lmod/requires-newer-lmod
conflict(between("bar", "1.0", "2.0"))
--~^ lmod/requires-newer-lmod
