help([[foo 1.0]])
os.execute("mkdir -p $HOME/.foo")
--~^ lmod/os-execute
local gpus = capture("nvidia-smi -L")
--~^ lmod/os-execute
