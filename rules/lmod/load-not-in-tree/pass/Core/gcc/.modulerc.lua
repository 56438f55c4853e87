module_version("gcc/13.2", "stable")
