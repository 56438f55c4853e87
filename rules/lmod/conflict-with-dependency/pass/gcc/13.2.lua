help([[gcc 13.2]])
family("compiler")
