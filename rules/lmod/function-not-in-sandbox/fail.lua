help([[foo 1.0]])
local tmp = os.tmpname()
--~^ lmod/function-not-in-sandbox
os.remove(tmp)
--~^ lmod/function-not-in-sandbox
local p = io.popen("uname -m")
--~^ lmod/function-not-in-sandbox
local n = math.random(1, 10)
--~^ lmod/function-not-in-sandbox
if not isDir("/opt/apps/foo/1.0") then
   error("foo 1.0 is not installed")
--~^ lmod/function-not-in-sandbox
end
local parts = select("#", "a", "b")
--~^ lmod/function-not-in-sandbox
