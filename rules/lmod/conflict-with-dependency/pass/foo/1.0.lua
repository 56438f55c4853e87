help([[foo 1.0]])
depends_on("openmpi/4.1")
load("gcc/13.2")
conflict("mpich")
conflict("intel", "foo-mpi")
if os.getenv("FOO_WITH_CUDA") then
   load("cuda")
else
   conflict("cuda")
end
