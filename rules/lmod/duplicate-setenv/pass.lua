help([[foo 1.0]])
setenv("FOO_HOME", "/opt/apps/foo/1.0")
if os.getenv("FOO_DEVEL") then
   setenv("FOO_HOME", "/scratch/foo")
end
setenv("FOO_DATA", "/opt/apps/foo/1.0/share")
-- the first value is seen by the module loaded in between
setenv("LMOD_MODULERC", "/opt/site/rc-a.lua")
depends_on("site-a")
setenv("LMOD_MODULERC", "/opt/site/rc-b.lua")
