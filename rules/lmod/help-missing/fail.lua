whatis("Description: foo")
--~^ lmod/help-missing
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
