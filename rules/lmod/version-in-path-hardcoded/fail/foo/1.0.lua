help([[foo 1.0]])
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
--~^ lmod/version-in-path-hardcoded
setenv("FOO_HOME", "/opt/apps/foo/1.0")
--~^ lmod/version-in-path-hardcoded
