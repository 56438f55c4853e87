help([[openmpi 4.1]])
family("mpi")
