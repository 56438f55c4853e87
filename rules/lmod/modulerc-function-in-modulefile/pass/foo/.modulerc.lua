module_version("foo/1.0", "default")
hide{name="foo/0.9", kind="soft"}
