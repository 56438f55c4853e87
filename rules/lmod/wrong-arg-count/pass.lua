help([[foo 1.0]])
whatis("Description: foo")
setenv("FOO_HOME", "/opt/apps/foo/1.0")
setenv("FOO_MODE", "fast", true)
pushenv("FOO_CONFIG", false)
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
append_path("FOO_LIST", "a b", " ")
prepend_path{"PATH", "/opt/apps/foo/1.0/sbin", priority=100}
family("compiler")
complete("bash", "foo", "-W 'build run'")
load("gcc", "openmpi")
load(atleast("cmake", "3.20"))
-- a call as last argument can expand to several values
local function env_pair() return "FOO_X", "1" end
setenv(env_pair())
local args = {"FOO_Y", "2"}
setenv(unpack(args))
-- Lmod 8.7's mode-select form through a variable
local t = {"FOO_MODE", "value", modeA={"load"}}
setenv(t)
load(atleast("cmake"))
