help([[foo 1.0]])
prepend_path{"PATH", "/opt/apps/foo/1.0/bin", priority=100}
append_path{"FOO_LIST", "a", delim=" "}
prepend_path{"LD_LIBRARY_PATH", "/opt/apps/foo/1.0/lib", nodups=true}
remove_path{"PATH", "/opt/old/bin", force=true}
setenv{"FOO_MODE", "fast", modeA={"load"}}
pushenv{"FOO_STACK", "x", modeA={"load", "unload"}}
unsetenv{"FOO_OLD", modeA={"unload"}}
load{"gcc", modeA={"load"}}
prepend_path{"MODULEPATH", "/opt/modulefiles/foo", modeA={"normal"}}
prepend_path{"MODULEPATH", "/opt/modulefiles/bar"}
prepend_path{"PATH", pathJoin("/opt/apps", myModuleName(), "bin"), priority=0}
