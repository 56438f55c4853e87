help([[foo 1.0]])
if mode() == "spider" then
   return
end
unload("foo-old")
try_load("foo-extras")
if not isDir("/opt/apps/foo/1.0") then LmodError("foo 1.0 is not installed") end
