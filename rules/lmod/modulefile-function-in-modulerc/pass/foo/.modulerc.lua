local root = os.getenv("MODULEPATH_ROOT") or "/opt/modulefiles"
module_version("foo/1.0", "default")
module_alias("foo1", "foo/1.0")
if isFile(pathJoin(root, "foo", "2.0.lua")) then
   hide_version("foo/2.0")
end
