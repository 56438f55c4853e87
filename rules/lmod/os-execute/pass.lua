help([[foo 1.0]])
execute{cmd="mkdir -p $HOME/.foo", modeA={"load"}}
if mode() == "load" then
   local gpus = capture("nvidia-smi -L")
   setenv("FOO_GPUS", gpus)
end
