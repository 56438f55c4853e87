help([[foo 1.0]])
local arch = capture("uname -m"):gsub("\n$", "")
local home = os.getenv("HOME") or ""
local day = os.date("%Y-%m-%d")
local n = math.max(1, tonumber(os.getenv("FOO_THREADS") or "1"))
if not isDir("/opt/apps/foo/1.0") then
   LmodError("foo 1.0 is not installed")
end
local s = string.format("%s-%s", arch, day)
table.insert({}, s)
io.stderr:write(s .. "\n")
-- a local binding of the library is the file's own business
local posix = require("posix")
posix.getpid()
