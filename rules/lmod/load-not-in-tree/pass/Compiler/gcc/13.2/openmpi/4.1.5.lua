help([[openmpi 4.1.5]])
family("mpi")
