help([[foo 1.0]])
whatis("Description: foo")
prepend_pth("PATH", "/opt/apps/foo/1.0/bin")
--~^ lmod/unknown-function
Setenv("FOO_HOME", "/opt/apps/foo/1.0")
--~^ lmod/unknown-function
module("load", "gcc")
--~^ lmod/unknown-function
if isLoaded("gcc") then
--~^ lmod/unknown-function
   setenv("FOO_CC", "gcc")
end
-- a helper that is never defined (e.g. a site function not registered)
load_compiler_defaults()
--~^ lmod/unknown-function
