-- a system rc file (LMOD_MODULERC): only rc functions
module_alias("foo1", "foo/1.0")
hide_version("foo/0.9")
