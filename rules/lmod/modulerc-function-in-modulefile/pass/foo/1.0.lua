help([[foo 1.0]])
setenv("FOO_HOME", "/opt/apps/foo/1.0")
