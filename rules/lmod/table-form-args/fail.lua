help([[foo 1.0]])
prepend_path{"PATH", "/opt/apps/foo/1.0/bin", prio=100}
--~^ lmod/table-form-args
append_path{"MANPATH", "/opt/apps/foo/1.0/man", delim=1}
--~^ lmod/table-form-args
setenv{"FOO_MODE", "fast", modeA={"Load"}}
--~^ lmod/table-form-args
setenv{"FOO_EMPTY", "x", modeA={}}
--~^ lmod/table-form-args
setenv{"FOO_EXTRA", "x", extra="unexpected", modeA={"load"}}
--~^ lmod/table-form-args
prepend_path{"MODULEPATH", "/opt/modulefiles/foo", modeA={"load"}}
--~^ lmod/table-form-args
prepend_path{"FOO_PATH", priority=100}
--~^ lmod/table-form-args
prepend_path{"PYTHONPATH", "/opt/apps/foo/1.0/lib/python", priority=5}
--~^ lmod/table-form-args
