help([[foo 1.0]])
setenv("FOO-HOME", "/opt/apps/foo/1.0")
--~^ lmod/invalid-env-name
prepend_path("MY PATH", "/opt/apps/foo/1.0/bin")
--~^ lmod/invalid-env-name
pushenv("1FOO", "x")
--~^ lmod/invalid-env-name
unsetenv("FOO.BAR")
--~^ lmod/invalid-env-name
setenv{"FOO:X", "1", modeA={"load"}}
--~^ lmod/invalid-env-name
