help([[foo 1.0]])
prepend_path("PATH", os.getenv("FOO_ROOT") .. "/bin")
--~^ lmod/getenv-without-default
setenv("FOO_SCRATCH", os.getenv("SCRATCH"))
--~^ lmod/getenv-without-default
setenv("FOO_DATA", pathJoin(os.getenv("FOO_ROOT") .. "/share", "data"))
--~^ lmod/getenv-without-default
