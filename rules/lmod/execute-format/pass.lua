help([[foo 1.0]])
execute{cmd="ulimit -s unlimited", modeA={"load"}}
execute{cmd="echo bye", modeA={"unload", "load"}}
local t = {cmd="true", modeA={"load"}}
execute(t)
