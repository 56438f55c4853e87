help([[gcc 13.2]])
unload("intel")
--~^ lmod/unload-in-modulefile
