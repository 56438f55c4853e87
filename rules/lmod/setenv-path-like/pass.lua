help([[foo 1.0]])
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
prepend_path("LD_LIBRARY_PATH", "/opt/apps/foo/1.0/lib")
setenv("FOO_HOME", "/opt/apps/foo/1.0")
setenv("FOO_LIBRARY_PATH", "/opt/apps/foo/1.0/lib")
-- clearing a variable on purpose
pushenv("PYTHONPATH", false)
