help([[foo 1.0]])
whatis("Description: foo")
local root = "/opt/apps/foo/1.0"
local function add_dir(var, sub)
   prepend_path(var, pathJoin(root, sub))
end
add_dir("PATH", "bin")
add_dir("MANPATH", "share/man")
if isloaded("gcc") then
   setenv("FOO_CC", "gcc")
end
local v = string.format("%s-%s", myModuleName(), myModuleVersion())
setenv("FOO_TAG", v)
depends_on_any("openmpi", "mpich")
io.stderr:write("loading foo\n")
