help([[foo 1.0]])
setenv("FOO_HOME", "/opt/apps/foo/1.0")
setenv(" FOO_TRIMMED ", "1")
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
pushenv("_FOO2", "x")
setenv{"FOO_LOADED", "1", modeA={"load"}}
local var = "FOO_" .. string.upper(myModuleName())
setenv(var, "1")
