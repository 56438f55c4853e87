help([[foo 1.0]])
--~^ lmod/whatis-missing
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
