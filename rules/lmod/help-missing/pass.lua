help([[
foo 1.0: does foo things.
Documentation: https://example.org/foo
]])
whatis("Description: foo")
prepend_path("PATH", "/opt/apps/foo/1.0/bin")
