help([[foo 1.0]])
whatis("Description: foo")
whatis("URL: https://example.org/foo")
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
