help([[gcc 13.2]])
family("compiler")
prepend_path("MODULEPATH", "/opt/modulefiles/Compiler/gcc/13.2")
