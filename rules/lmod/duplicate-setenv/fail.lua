help([[foo 1.0]])
setenv("FOO_HOME", "/opt/apps/foo/1.0")
setenv("FOO_DATA", "/opt/apps/foo/1.0/share")
setenv("FOO_HOME", "/opt/apps/foo/1.0/share/doc")
--~^ lmod/duplicate-setenv
