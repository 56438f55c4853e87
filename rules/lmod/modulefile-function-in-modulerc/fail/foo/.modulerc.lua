module_version("foo/1.0", "default")
setenv("FOO_DEFAULT", "1.0")
--~^ lmod/modulefile-function-in-modulerc
if isDir("/opt/apps/foo/2.0") then
   whatis("foo 2.0 is installed")
--~^ lmod/modulefile-function-in-modulerc
end
