help([[foo 1.0]])
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
prepend_path("LD_LIBRARY_PATH", "/opt/apps/foo/1.0/lib:/opt/apps/foo/1.0/lib64")
append_path("FOO_FLAGS", "-O2", " ")
prepend_path("PYTHONPATH", os.getenv("FOO_EXTRA") or "/opt/apps/foo/1.0/python")
-- an empty MANPATH entry keeps the system man pages
append_path("MANPATH", "/opt/apps/foo/1.0/share/man:")
