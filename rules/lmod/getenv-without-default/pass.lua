help([[foo 1.0]])
prepend_path("PATH", (os.getenv("FOO_ROOT") or "/opt/apps/foo") .. "/bin")
setenv("FOO_SCRATCH", os.getenv("SCRATCH") or "/tmp")
prepend_path("PATH", pathJoin(os.getenv("HOME"), ".local/bin"))
if os.getenv("FOO_ROOT") then
   prepend_path("LD_LIBRARY_PATH", pathJoin(os.getenv("FOO_ROOT"), "lib"))
end
local scratch = os.getenv("SCRATCH") or ""
setenv("FOO_TMP", scratch)
prepend_path("MODULEPATH", pathJoin(os.getenv("MODULEPATH_ROOT"), "Compiler/foo/1.0"))
setenv("FOO_TMP2", "/tmp")
prepend_path("FOO_PATH", os.getenv("FOO_TMP2"))
