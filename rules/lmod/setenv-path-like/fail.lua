help([[foo 1.0]])
setenv("PATH", "/opt/apps/foo/1.0/bin:" .. (os.getenv("PATH") or ""))
--~^ lmod/setenv-path-like
setenv("LD_LIBRARY_PATH", "/opt/apps/foo/1.0/lib")
--~^ lmod/setenv-path-like
pushenv("PYTHONPATH", "/opt/apps/foo/1.0/lib/python3.11/site-packages")
--~^ lmod/setenv-path-like
